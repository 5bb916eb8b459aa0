package io.tollgate.ledger.audit;

import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.journal.JournalStore;
import io.tollgate.ledger.posting.EntryKind;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest of a generation's entries, beside the balance digest: a balance digest stays the same
 * when an entry is altered without moving money (another order, business time, source event) or
 * when entries that cancel out are lost, this one does not.
 *
 * <p>{@code "sha256:" + hex(SHA-256(h1 ‖ h2 ‖ …))} over the entries in entry-id order, where each
 * {@code h} is the entry's canonical hash ({@link EntryHasher}, postings in line order) taken with
 * the genesis previous hash, seq 0 and recording time 0: what an entry says, without what depends on
 * when and in which interleaving it was recorded (its place in its chain, its recording time). Two
 * generations derived from the same topics therefore have the same journal digest.
 */
public final class JournalDigest {

    private static final int FETCH_SIZE = 1_000;
    /** The digest of a generation without entries. */
    public static final String EMPTY = "sha256:" + HexFormat.of().formatHex(sha256().digest());

    private JournalDigest() {
    }

    /** The journal digest of the generation whose tables start with {@code prefix} (e.g. ledger_prev_). */
    public static String of(Connection c, String prefix) throws SQLException {
        if (!prefix.equals(JournalStore.LIVE) && !prefix.equals(JournalStore.SHADOW)
                && !prefix.equals(JournalStore.PREVIOUS)) {
            throw new IllegalArgumentException("unknown generation prefix " + prefix);
        }
        String sql = "SELECT e.entry_id, e.chain_id, e.kind, e.order_id, e.source_event_id, e.source_topic,"
                + " e.source_partition, e.source_offset, e.business_us, e.principal, p.account, p.currency,"
                + " p.side, p.amount_minor, e.policy_version, e.policy_clause"
                + " FROM " + prefix + "entry e LEFT JOIN " + prefix + "posting p"
                + " ON p.entry_id = e.entry_id ORDER BY e.entry_id, p.line";
        MessageDigest all = sha256();
        EntryHasher hasher = new EntryHasher();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                Entry entry = null;
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (entry == null || !entry.id.equals(id)) {
                        if (entry != null) {
                            all.update(entry.hash(hasher));
                        }
                        entry = new Entry(rs);
                    }
                    if (rs.getString(11) != null) {
                        entry.postings.add(new Posting(rs.getString(11), rs.getString(12),
                                Side.ofCode(rs.getString(13)), rs.getLong(14)));
                    }
                }
                if (entry != null) {
                    all.update(entry.hash(hasher));
                }
            }
        } catch (IllegalArgumentException unreadable) {
            // Verification names the bad row; a digest of rows that are not entries means nothing.
            return "unreadable: " + unreadable.getMessage();
        }
        return "sha256:" + HexFormat.of().formatHex(all.digest());
    }

    private static final class Entry {
        final String id;
        final String chainId;
        final String kind;
        final String orderId;
        final String eventId;
        final String topic;
        final int partition;
        final long offset;
        final long businessUs;
        final String principal;
        final String policyVersion;
        final String policyClause;
        final List<Posting> postings = new ArrayList<>(4);

        Entry(ResultSet rs) throws SQLException {
            id = rs.getString(1);
            chainId = rs.getString(2);
            kind = rs.getString(3);
            orderId = rs.getString(4);
            eventId = rs.getString(5);
            topic = rs.getString(6);
            partition = rs.getInt(7);
            offset = rs.getLong(8);
            businessUs = rs.getLong(9);
            principal = rs.getString(10);
            policyVersion = rs.getString(15);
            policyClause = rs.getString(16);
        }

        byte[] hash(EntryHasher hasher) {
            return hasher.hash(EntryHasher.genesis(), new EntryHasher.Fields(id, chainId, 0, EntryKind.valueOf(kind),
                    orderId, eventId, topic, partition, offset, EntryHasher.ofMicros(businessUs), Instant.EPOCH,
                    principal, postings, policyVersion, policyClause));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
