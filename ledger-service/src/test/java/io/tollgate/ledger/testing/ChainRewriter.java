package io.tollgate.ledger.testing;

import io.tollgate.ledger.anchor.AnchorStore;
import io.tollgate.ledger.anchor.ChainPoint;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.posting.EntryKind;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attacker with write access to the ledger's database can do to hide an edit: recompute
 * every hash of a chain after the edited entry, its head, its running and checkpoint balances, and
 * the stored anchors — so that the journal alone verifies again.
 */
public final class ChainRewriter {

    private ChainRewriter() {
    }

    /** Re-hashes the chain from its first entry and re-derives every figure kept beside it. */
    public static void rehash(Connection c, String chainId) throws SQLException {
        EntryHasher hasher = new EntryHasher();
        String prev = EntryHasher.genesisHex();
        long lastSeq = 0;
        for (Object[] e : entries(c, chainId)) {
            List<Posting> postings = postings(c, (String) e[0]);
            String hash = EntryHasher.hex(hasher.hash(EntryHasher.unhex(prev), new EntryHasher.Fields(
                    (String) e[0], chainId, (Long) e[1], EntryKind.valueOf((String) e[2]), (String) e[3],
                    (String) e[4], (String) e[5], (Integer) e[6], (Long) e[7], EntryHasher.ofMicros((Long) e[8]),
                    EntryHasher.ofMicros((Long) e[9]), (String) e[10], postings, (String) e[11], (String) e[12])));
            update(c, "UPDATE ledger_entry SET prev_hash = ?, hash = ? WHERE entry_id = ?", prev, hash, (String) e[0]);
            prev = hash;
            lastSeq = (Long) e[1];
        }
        update(c, "UPDATE ledger_chain SET last_hash = ? WHERE chain_id = ?", prev, chainId);
        String sums = " SUM(CASE WHEN p.side = 'D' THEN p.amount_minor ELSE 0 END),"
                + " SUM(CASE WHEN p.side = 'C' THEN p.amount_minor ELSE 0 END)";
        update(c, "DELETE FROM ledger_balance WHERE chain_id = ?", chainId);
        update(c, "INSERT INTO ledger_balance (chain_id, account, currency, debit_minor, credit_minor)"
                + " SELECT p.chain_id, p.account, p.currency," + sums + " FROM ledger_posting p WHERE p.chain_id = ?"
                + " GROUP BY p.chain_id, p.account, p.currency", chainId);
        update(c, "DELETE FROM ledger_checkpoint_balance WHERE chain_id = ?", chainId);
        update(c, "INSERT INTO ledger_checkpoint_balance (chain_id, seq, account, currency, debit_minor, credit_minor)"
                + " SELECT k.chain_id, k.seq, p.account, p.currency," + sums + " FROM ledger_checkpoint k"
                + " JOIN ledger_posting p ON p.chain_id = k.chain_id AND p.seq <= k.seq WHERE k.chain_id = ?"
                + " GROUP BY k.chain_id, k.seq, p.account, p.currency", chainId);
        long generation = AnchorStore.generation(c);
        for (AnchorStore.Stored a : AnchorStore.stored(c, generation)) {
            if (a.point().chainId().equals(chainId) && a.point().seq() <= lastSeq) {
                ChainPoint now = AnchorStore.pointAt(c, generation, chainId, a.point().seq()).orElseThrow();
                update(c, "UPDATE ledger_anchor SET entry_hash = ?, balance_digest = ? WHERE anchor_id = ?",
                        now.entryHash(), now.balanceDigest(), a.anchorId());
            }
        }
    }

    private static List<Object[]> entries(Connection c, String chainId) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_id, seq, kind, order_id, source_event_id,"
                + " source_topic, source_partition, source_offset, business_us, recorded_us, principal,"
                + " policy_version, policy_clause FROM ledger_entry WHERE chain_id = ? ORDER BY seq")) {
            ps.setString(1, chainId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)});
                }
            }
        }
        return out;
    }

    private static List<Posting> postings(Connection c, String entryId) throws SQLException {
        List<Posting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT account, currency, side, amount_minor FROM ledger_posting"
                + " WHERE entry_id = ? ORDER BY line")) {
            ps.setString(1, entryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Posting(rs.getString(1), rs.getString(2), Side.ofCode(rs.getString(3)), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
