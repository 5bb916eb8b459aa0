package io.tollgate.ledger.audit;

import io.tollgate.eventing.db.Databases;
import io.tollgate.ledger.anchor.AnchorSet;
import io.tollgate.ledger.anchor.AnchorStore;
import io.tollgate.ledger.anchor.ChainPoint;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.posting.EntryKind;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Recomputes every hash chain from the stored journal and re-derives every figure a query reads
 * from it: an altered field or posting changes its entry's hash, a deleted entry leaves a gap (or
 * falls short of the chain head); the running balances, the balance checkpoints and their time
 * bounds are recomputed from the hashed postings and compared; every posting must belong to its
 * entry and carry its entry's (hashed) times. The verdict names the first bad row and its kind.
 *
 * <p>Given the anchors published on the ledger's topic ({@link #verify(AnchorSet, Instant)}), it
 * also holds every chain of the live generation to them: at each anchored seq the entry's hash
 * and the chain's balance digest must be the anchored ones, and no anchored entry or chain may be
 * missing — which a chain rewritten with valid, recomputed hashes cannot satisfy. The stored copy
 * of the anchors must match what was published.
 */
@ApplicationScoped
public class ChainVerifier {

    private static final int FETCH_SIZE = 1_000;

    private final Databases databases;

    @Inject
    public ChainVerifier(Databases databases) {
        this.databases = databases;
    }

    /** What is wrong with a row. */
    public enum Kind {
        /** An entry's stored hash is not the hash of its fields and postings. */
        ENTRY_HASH,
        /** An entry's prev_hash is not its predecessor's hash. */
        PREV_HASH,
        /** A seq is missing in a chain, or the chain ends before its head row. */
        MISSING_ENTRY,
        /** The chain row (head) does not match the chain's last entry, or is missing. */
        CHAIN_HEAD,
        /** An entry or posting that cannot be read as one (bad side, currency, kind). */
        UNREADABLE,
        /** A posting whose entry is gone or that names another chain position than its entry. */
        ORPHAN_POSTING,
        /** A posting whose business or recording time differs from its entry's. */
        POSTING_TIME,
        /** A running balance row that differs from the sum of its chain's postings. */
        BALANCE,
        /** A checkpoint (balances or time bounds) that differs from the postings up to its seq. */
        CHECKPOINT,
        /** A chain that differs from a published anchor: another hash or digest, or missing entries. */
        ANCHOR,
        /** A stored anchor that is not on the anchors topic, or differs from the published one. */
        STORED_ANCHOR,
        /** A record on the anchors topic that is not an anchor signed by a trusted ledger key. */
        ANCHOR_RECORD
    }

    /**
     * The verdict; {@code problem} is null when every chain and every derived figure matches.
     * {@code anchorsChecked} counts the published anchors of the live generation the chains were
     * held to (null: verified without anchors, as a rebuild's swap does).
     */
    public record Verdict(boolean ok, int chains, long entries, @Schema(nullable = true) Problem problem,
                          @Schema(nullable = true) Long generation, @Schema(nullable = true) Integer anchorsChecked) {

        Verdict(boolean ok, int chains, long entries, Problem problem) {
            this(ok, chains, entries, problem, null, null);
        }
    }

    /** How long after its anchoring time a stored anchor must be visible on the topic. */
    private static final java.time.Duration STORED_GRACE = java.time.Duration.ofSeconds(60);

    /**
     * The first mismatch found: its kind, the table and key of the row, and where in which chain.
     *
     * @param row the row's key in {@code table} (an entry id, a posting id, chain/account/currency)
     */
    @Schema(name = "ChainMismatch", description = "The first mismatch the audit found")
    public record Problem(Kind kind, String table, String row, String chainId, long seq, String entryId,
                          String reason) {

        static Problem ofEntry(Kind kind, String chainId, long seq, String entryId, String reason) {
            return new Problem(kind, entryId == null ? "ledger_chain" : "ledger_entry",
                    entryId == null ? chainId : entryId, chainId, seq, entryId, reason);
        }
    }

    /** The journal alone: hashes, chain heads and derived figures. */
    public Verdict verify() {
        return verify(null, null);
    }

    /**
     * The journal and the published anchors read at {@code readAt}; stored anchors taken more than
     * {@link #STORED_GRACE} before it must be among them.
     */
    public Verdict verify(AnchorSet anchors, Instant readAt) {
        try (Connection c = databases.dataSource().getConnection()) {
            long generation = AnchorStore.generation(c);
            Map<String, NavigableMap<Long, ChainPoint>> anchored = anchors == null ? Map.of() : anchors.of(generation);
            Verdict v = journal(c, anchored);
            if (anchors == null) {
                return v;
            }
            int checked = anchored.values().stream().mapToInt(Map::size).sum();
            Problem p = v.problem() != null ? v.problem() : anchorProblem(c, anchors, anchored, generation, readAt);
            return new Verdict(p == null, v.chains(), v.entries(), p, generation, checked);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the journal", e);
        }
    }

    private static Problem anchorProblem(Connection c, AnchorSet anchors,
                                         Map<String, NavigableMap<Long, ChainPoint>> anchored, long generation,
                                         Instant readAt) throws SQLException {
        if (anchors.firstRejected() != null) {
            return new Problem(Kind.ANCHOR_RECORD, "anchors topic", null, null, 0, null, anchors.firstRejected());
        }
        if (anchors.firstConflict() != null) {
            return new Problem(Kind.ANCHOR_RECORD, "anchors topic", null, null, 0, null, anchors.firstConflict());
        }
        Instant cutoff = readAt.minus(STORED_GRACE);
        for (AnchorStore.Stored stored : AnchorStore.stored(c, generation)) {
            ChainPoint s = stored.point();
            ChainPoint published = anchored.getOrDefault(s.chainId(), new TreeMap<>()).get(s.seq());
            if (published == null && stored.anchoredAt().isBefore(cutoff)) {
                return new Problem(Kind.STORED_ANCHOR, "ledger_anchor", stored.anchorId(), s.chainId(), s.seq(), null,
                        "the stored anchor of " + s.chainId() + " at " + s.seq() + " was never published");
            }
            if (published != null && !published.equals(s)) {
                return new Problem(Kind.STORED_ANCHOR, "ledger_anchor", stored.anchorId(), s.chainId(), s.seq(), null,
                        "the stored anchor of " + s.chainId() + " at " + s.seq() + " differs from the one published"
                                + " at " + anchors.origin(published));
            }
        }
        return null;
    }

    private Verdict journal(Connection c, Map<String, NavigableMap<Long, ChainPoint>> anchored) throws SQLException {
        Map<String, String[]> heads = heads(c);
        for (String chainId : anchored.keySet()) {
            if (!heads.containsKey(chainId)) {
                long seq = anchored.get(chainId).firstKey();
                return new Verdict(false, heads.size(), 0, new Problem(Kind.ANCHOR, "ledger_chain", chainId,
                        chainId, seq, null, "chain " + chainId + " is anchored (seq " + anchored.get(chainId)
                        .lastKey() + ") but has no entries or head"));
            }
        }
        long entries = 0;
        for (Map.Entry<String, String[]> chain : heads.entrySet()) {
            ChainCheck check = new ChainCheck(chain.getKey(), new DerivedFigures(chain.getKey()),
                    anchored.getOrDefault(chain.getKey(), new TreeMap<>()));
            Problem p = check.run(c);
            entries += check.seen;
            if (p == null) {
                p = check.againstHead(Long.parseLong(chain.getValue()[0]), chain.getValue()[1]);
            }
            if (p == null) {
                p = check.beyondEnd();
            }
            if (p == null) {
                p = check.derived.finish(c);
            }
            if (p != null) {
                return new Verdict(false, heads.size(), entries, p);
            }
        }
        Problem p = DerivedFigures.strayRows(c);
        return new Verdict(p == null, heads.size(), entries, p);
    }

    /** Chain ids with their heads; a chain with entries but no head row is checked too. */
    private static Map<String, String[]> heads(Connection c) throws SQLException {
        Map<String, String[]> out = new TreeMap<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT chain_id, last_seq, last_hash FROM ledger_chain")) {
                while (rs.next()) {
                    out.put(rs.getString(1), new String[] {Long.toString(rs.getLong(2)), rs.getString(3)});
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT chain_id FROM ledger_entry")) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getString(1), new String[] {"-1", ""});
                }
            }
        }
        return out;
    }

    private static final class ChainCheck {
        private final String chainId;
        private final DerivedFigures derived;
        private final NavigableMap<Long, ChainPoint> anchors;
        private final EntryHasher hasher = new EntryHasher();
        private long seen;
        private long expectedSeq = 1;
        private String prevHash = EntryHasher.genesisHex();

        ChainCheck(String chainId, DerivedFigures derived, NavigableMap<Long, ChainPoint> anchors) {
            this.chainId = chainId;
            this.derived = derived;
            this.anchors = anchors;
        }

        /** An anchor beyond the chain's last verified entry: entries were deleted from its tail. */
        Problem beyondEnd() {
            Long beyond = anchors.higherKey(expectedSeq - 1);
            if (beyond == null) {
                return null;
            }
            return Problem.ofEntry(Kind.ANCHOR, chainId, expectedSeq, null, "entries " + expectedSeq + ".." + beyond
                    + " are anchored but missing: the chain ends at " + (expectedSeq - 1));
        }

        /** At an anchored seq: the entry's hash and the balance digest so far must be the anchored ones. */
        private Problem againstAnchor(String entryId, long seq, String hash) {
            ChainPoint a = anchors.get(seq);
            if (a == null) {
                return null;
            }
            if (!a.entryHash().equals(hash)) {
                return Problem.ofEntry(Kind.ANCHOR, chainId, seq, entryId, "the entry's hash differs from the one"
                        + " anchored at " + seq + ": the chain up to here was rewritten");
            }
            String digest = derived.balanceDigest();
            if (!a.balanceDigest().equals(digest)) {
                return Problem.ofEntry(Kind.ANCHOR, chainId, seq, entryId, "the chain's balance digest up to " + seq
                        + " is " + digest + ", anchored " + a.balanceDigest());
            }
            return null;
        }

        Problem run(Connection c) throws SQLException {
            derived.loadCheckpoints(c);
            String sql = "SELECT e.entry_id, e.seq, e.kind, e.order_id, e.source_event_id, e.source_topic,"
                    + " e.source_partition, e.source_offset, e.business_us, e.recorded_us, e.prev_hash, e.hash,"
                    + " p.account, p.currency, p.side, p.amount_minor, e.principal, p.posting_id, p.business_us,"
                    + " p.recorded_us, e.policy_version, e.policy_clause"
                    + " FROM ledger_entry e LEFT JOIN ledger_posting p ON p.entry_id = e.entry_id"
                    + " WHERE e.chain_id = ? ORDER BY e.seq, p.line";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, chainId);
                try (ResultSet rs = ps.executeQuery()) {
                    Row row = null;
                    while (rs.next()) {
                        String entryId = rs.getString(1);
                        if (row == null || !row.entryId.equals(entryId)) {
                            Problem p = row == null ? null : check(c, row);
                            if (p != null) {
                                return p;
                            }
                            row = new Row(rs);
                        }
                        if (rs.getString(13) != null) {
                            row.addPosting(rs);
                        }
                    }
                    return row == null ? null : check(c, row);
                }
            }
        }

        Problem againstHead(long headSeq, String headHash) {
            if (headSeq < 0) {
                return Problem.ofEntry(Kind.CHAIN_HEAD, chainId, expectedSeq - 1, null,
                        "the chain has entries but no head row");
            }
            if (headSeq != expectedSeq - 1) {
                return Problem.ofEntry(Kind.MISSING_ENTRY, chainId, expectedSeq, null, "entries " + expectedSeq
                        + ".." + headSeq + " are missing: the chain head is at " + headSeq);
            }
            if (!headHash.equals(prevHash)) {
                return Problem.ofEntry(Kind.CHAIN_HEAD, chainId, headSeq, null,
                        "the last entry's hash differs from the chain head");
            }
            return null;
        }

        private Problem check(Connection c, Row r) throws SQLException {
            seen++;
            if (r.seq != expectedSeq) {
                return Problem.ofEntry(Kind.MISSING_ENTRY, chainId, expectedSeq, null, "entry " + expectedSeq
                        + " is missing (next stored is " + r.seq + ", entry " + r.entryId + ")");
            }
            if (r.broken != null) {
                return Problem.ofEntry(Kind.UNREADABLE, chainId, r.seq, r.entryId, "unreadable posting: " + r.broken);
            }
            if (!r.prevHash.equals(prevHash)) {
                return Problem.ofEntry(Kind.PREV_HASH, chainId, r.seq, r.entryId,
                        "prev_hash does not match the previous entry's hash");
            }
            String recomputed;
            try {
                recomputed = EntryHasher.hex(hasher.hash(EntryHasher.unhex(prevHash), new EntryHasher.Fields(
                        r.entryId, chainId, r.seq, EntryKind.valueOf(r.kind), r.orderId, r.eventId, r.topic,
                        r.partition, r.offset, EntryHasher.ofMicros(r.businessUs), EntryHasher.ofMicros(r.recordedUs),
                        r.principal, r.postings, r.policyVersion, r.policyClause)));
            } catch (IllegalArgumentException e) {
                return Problem.ofEntry(Kind.UNREADABLE, chainId, r.seq, r.entryId, "unreadable entry: " + e.getMessage());
            }
            if (!recomputed.equals(r.hash)) {
                return Problem.ofEntry(Kind.ENTRY_HASH, chainId, r.seq, r.entryId,
                        "stored hash does not match the entry's contents");
            }
            if (r.timeMismatch != null) {
                return new Problem(Kind.POSTING_TIME, "ledger_posting", r.timeMismatch, chainId, r.seq, r.entryId,
                        "posting " + r.timeMismatch + " carries another business or recording time than its entry");
            }
            prevHash = r.hash;
            expectedSeq++;
            Problem p = derived.add(c, r.seq, r.businessUs, r.recordedUs, r.postings);
            return p != null ? p : againstAnchor(r.entryId, r.seq, r.hash);
        }
    }

    private static final class Row {
        final String entryId;
        final long seq;
        final String kind;
        final String orderId;
        final String eventId;
        final String topic;
        final int partition;
        final long offset;
        final long businessUs;
        final long recordedUs;
        final String prevHash;
        final String hash;
        final String principal;
        final String policyVersion;
        final String policyClause;
        final List<Posting> postings = new ArrayList<>();
        String broken;
        String timeMismatch;

        Row(ResultSet rs) throws SQLException {
            entryId = rs.getString(1);
            seq = rs.getLong(2);
            kind = rs.getString(3);
            orderId = rs.getString(4);
            eventId = rs.getString(5);
            topic = rs.getString(6);
            partition = rs.getInt(7);
            offset = rs.getLong(8);
            businessUs = rs.getLong(9);
            recordedUs = rs.getLong(10);
            prevHash = rs.getString(11);
            hash = rs.getString(12);
            principal = rs.getString(17);
            policyVersion = rs.getString(21);
            policyClause = rs.getString(22);
        }

        void addPosting(ResultSet rs) throws SQLException {
            try {
                postings.add(new Posting(rs.getString(13), rs.getString(14), Side.ofCode(rs.getString(15)),
                        rs.getLong(16)));
            } catch (IllegalArgumentException e) {
                broken = e.getMessage();
            }
            if (timeMismatch == null && (rs.getLong(19) != businessUs || rs.getLong(20) != recordedUs)) {
                timeMismatch = Long.toString(rs.getLong(18));
            }
        }
    }
}
