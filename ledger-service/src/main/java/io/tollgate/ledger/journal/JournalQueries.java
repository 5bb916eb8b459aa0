package io.tollgate.ledger.journal;

import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.ledger.posting.EntryDraft;
import io.tollgate.ledger.posting.Side;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Read side of the journal: entries by account (paged) and by order, and the order summary. Simple
 * reads go through {@link SqlStatements}; the export and the summary keep one connection for their
 * several statements.
 */
@ApplicationScoped
public class JournalQueries {

    /** Entries of one order at most: an order has a handful; the bound only caps a bad day. */
    static final int ORDER_ENTRIES_MAX = 10_000;

    private final Databases databases;
    private final SqlStatements sql;

    @Inject
    public JournalQueries(Databases databases, SqlStatements sql) {
        this.databases = databases;
        this.sql = sql;
    }

    /** One posting of an entry, with the entry's identity and times. */
    public record Line(long postingId, String entryId, String kind, String orderId, String chainId, long seq,
                       String account, String currency, Side side, long amountMinor, Instant businessTime,
                       Instant recordedTime, String sourceEventId, String principal, String hash,
                       String sourceSignature, String policyVersion, String policyClause) {
    }

    private static final String LINE_COLUMNS = "SELECT p.posting_id, e.entry_id, e.kind, e.order_id, e.chain_id,"
            + " e.seq, p.account, p.currency, p.side, p.amount_minor, e.business_us, e.recorded_us,"
            + " e.source_event_id, e.principal, e.hash, e.source_signature, e.policy_version, e.policy_clause"
            + " FROM ledger_posting p"
            + " JOIN ledger_entry e ON e.entry_id = p.entry_id ";

    /** Up to {@code limit + 1} postings of {@code account} after posting id {@code after}. */
    public List<Line> accountEntries(String account, long after, int limit) {
        return sql.query(LINE_COLUMNS + "WHERE p.account = ? AND p.posting_id > ? ORDER BY p.posting_id"
                + " LIMIT ?", JournalQueries::line, account, after, limit + 1);
    }

    public List<Line> orderEntries(String orderId) {
        return sql.query(LINE_COLUMNS + "WHERE e.order_id = ? ORDER BY e.business_us, e.chain_id, e.seq, p.line"
                + " LIMIT ?", JournalQueries::line, orderId, ORDER_ENTRIES_MAX);
    }

    /** A position in chain order: after the entry {@code seq} of {@code chainId}. */
    public record ChainPosition(String chainId, long seq) {
        public ChainPosition {
            Objects.requireNonNull(chainId, "chainId");
        }
    }

    /** A whole entry with every field its hash covers, for the audit export. */
    public record ExportEntry(String entryId, String kind, String orderId, String chainId, long seq,
                              String sourceEventId, String sourceTopic, int sourcePartition, long sourceOffset,
                              Instant businessTime, Instant recordedTime, String principal,
                              List<ExportPosting> postings, String prevHash, String hash, String policyVersion,
                              String policyClause) {
    }

    /**
     * A posting as stored, unchecked: the export shows a tampered row as it is (the audit names it)
     * rather than failing on it. {@code side} is "D" or "C".
     */
    public record ExportPosting(String account, String currency, String side, long amountMinor) {
    }

    /** A page of the export; {@code next} is null once the last chain's last entry is in it. */
    public record ExportPage(List<ExportEntry> entries, ChainPosition next) {
    }

    private static final String AFTER = " (chain_id > ? OR (chain_id = ? AND seq > ?))";

    /**
     * Up to {@code limit} entries in chain order (chain id, then seq) after {@code after} (null: from
     * the start). A chain only grows at its tail, so a pass of pages sees every entry that existed
     * when it began; entries appended meanwhile to a chain the pass has left come in the next pass.
     */
    public ExportPage export(ChainPosition after, int limit) {
        List<ExportEntry> entries = new ArrayList<>();
        try (Connection c = databases.dataSource().getConnection()) {
            String sql = "SELECT entry_id, kind, order_id, chain_id, seq, source_event_id, source_topic,"
                    + " source_partition, source_offset, business_us, recorded_us, principal, prev_hash, hash,"
                    + " policy_version, policy_clause FROM ledger_entry" + (after == null ? "" : " WHERE" + AFTER)
                    + " ORDER BY chain_id, seq";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setMaxRows(limit + 1);
                bindAfter(ps, after, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new ExportEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                                rs.getLong(9), EntryHasher.ofMicros(rs.getLong(10)),
                                EntryHasher.ofMicros(rs.getLong(11)), rs.getString(12), new ArrayList<>(),
                                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)));
                    }
                }
            }
            boolean more = entries.size() > limit;
            if (more) {
                entries = new ArrayList<>(entries.subList(0, limit));
            }
            if (!entries.isEmpty()) {
                attachPostings(c, entries);
            }
            ExportEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            return new ExportPage(entries, more ? new ChainPosition(last.chainId(), last.seq()) : null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the journal for export", e);
        }
    }

    /**
     * The page holds one contiguous run of seqs per chain (a chain has as many as its topic has
     * partitions, so few): one exact, indexed range read of the postings per run.
     */
    private static void attachPostings(Connection c, List<ExportEntry> entries) throws SQLException {
        Map<String, List<ExportPosting>> byEntry = new HashMap<>();
        Map<String, long[]> runs = new LinkedHashMap<>();
        for (ExportEntry e : entries) {
            byEntry.put(e.entryId(), e.postings());
            runs.computeIfAbsent(e.chainId(), k -> new long[] {e.seq(), e.seq()})[1] = e.seq();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, account, currency, side, amount_minor"
                + " FROM ledger_posting WHERE chain_id = ? AND seq BETWEEN ? AND ? ORDER BY seq, line")) {
            for (Map.Entry<String, long[]> run : runs.entrySet()) {
                long[] seqs = run.getValue();
                ps.setString(1, run.getKey());
                ps.setLong(2, seqs[0]);
                ps.setLong(3, seqs[1]);
                ps.setMaxRows((int) Math.min(Integer.MAX_VALUE, (seqs[1] - seqs[0] + 1) * EntryDraft.POSTINGS_MAX));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<ExportPosting> postings = byEntry.get(rs.getString(1));
                        if (postings != null) { // else a posting whose entry is gone: the audit reports it
                            postings.add(new ExportPosting(rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getLong(5)));
                        }
                    }
                }
            }
        }
    }

    private static void bindAfter(PreparedStatement ps, ChainPosition after, int first) throws SQLException {
        if (after != null) {
            ps.setString(first, after.chainId());
            ps.setString(first + 1, after.chainId());
            ps.setLong(first + 2, after.seq());
        }
    }

    /** Order counts and revenue-share sums of one currency, parked events and suspense postings. */
    public record Summary(Map<String, Long> orders, long grossAuthorizedMinor, long shareDueMinor,
                          long sharePaidMinor, long shareOutstandingMinor, long parked, long suspendedPayments,
                          long anomalies, Map<String, SuspenseTotal> suspense) {
    }

    /** Debit postings to one suspense account and its balance, in minor units. */
    public record SuspenseTotal(long postings, long balanceMinor) {
    }

    /** Most currencies {@link #currencies()} returns; the contract knows far fewer. */
    public static final int CURRENCIES_MAX = 64;

    /** The currencies of the ledger's orders, in alphabetical order (at most {@link #CURRENCIES_MAX}). */
    public List<String> currencies() {
        return sql.query("SELECT DISTINCT currency FROM ledger_order WHERE currency IS NOT NULL"
                + " ORDER BY currency LIMIT " + CURRENCIES_MAX, r -> r.getString(1));
    }

    public Summary summary(String currency) {
        try (Connection c = databases.dataSource().getConnection()) {
            Map<String, Long> orders = new LinkedHashMap<>();
            for (String status : List.of("REQUESTED", "AUTHORIZED", "SETTLED", "DENIED", "CANCELLED")) {
                orders.put(status, 0L);
            }
            long[] sums = new long[4];
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*), SUM(gross_minor), SUM(due_minor),"
                    + " SUM(paid_minor), SUM(CASE WHEN due_minor > paid_minor THEN due_minor - paid_minor ELSE 0 END)"
                    + " FROM ledger_order WHERE currency = ? GROUP BY status")) {
                ps.setString(1, currency);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        orders.put(rs.getString(1), rs.getLong(2));
                        for (int i = 0; i < 4; i++) {
                            sums[i] += rs.getLong(3 + i);
                        }
                    }
                }
            }
            long[] waits = new long[3];
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COALESCE(SUM(parked), 0), COALESCE(SUM(suspended), 0), COALESCE(SUM(anomalies), 0)"
                            + " FROM ledger_order")) {
                rs.next();
                for (int i = 0; i < 3; i++) {
                    waits[i] = rs.getLong(i + 1);
                }
            }
            Map<String, SuspenseTotal> suspense = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT account,"
                    + " SUM(CASE WHEN side = 'D' THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN side = 'D' THEN amount_minor ELSE -amount_minor END)"
                    + " FROM ledger_posting WHERE account LIKE 'suspense:%' AND currency = ?"
                    + " GROUP BY account ORDER BY account")) {
                ps.setString(1, currency);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        suspense.put(rs.getString(1), new SuspenseTotal(rs.getLong(2), rs.getLong(3)));
                    }
                }
            }
            return new Summary(orders, sums[0], sums[1], sums[2], sums[3], waits[0], waits[1], waits[2], suspense);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the summary", e);
        }
    }

    /** Waiting events over all orders (the parked gauge). */
    public long parked() {
        return sql.queryOne("SELECT COALESCE(SUM(parked), 0) FROM ledger_order WHERE parked > 0",
                rs -> rs.getLong(1)).orElse(0L);
    }

    /** Revenue share owed per currency: the credit balance of the liability accounts. */
    public Map<String, Long> liabilityByCurrency() {
        Map<String, Long> out = new LinkedHashMap<>();
        // One row per currency: bounded by the ISO 4217 list.
        for (Map.Entry<String, Long> owed : sql.query("SELECT currency, SUM(credit_minor - debit_minor)"
                        + " FROM ledger_balance WHERE account LIKE 'liability:revenue-share:%'"
                        + " GROUP BY currency ORDER BY currency",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)))) {
            out.put(owed.getKey(), owed.getValue());
        }
        return out;
    }

    private static Line line(ResultSet rs) throws SQLException {
        return new Line(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), Side.ofCode(rs.getString(9)), rs.getLong(10),
                EntryHasher.ofMicros(rs.getLong(11)), EntryHasher.ofMicros(rs.getLong(12)), rs.getString(13),
                rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18));
    }
}
