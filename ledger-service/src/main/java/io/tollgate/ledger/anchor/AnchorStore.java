package io.tollgate.ledger.anchor;

import io.tollgate.ledger.balance.BalanceSheet;
import io.tollgate.ledger.journal.Generations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's side of anchoring, in SQL: the chain heads that moved since their last stored anchor,
 * a chain's point at any seq (its entry hash and the digest of its balances up to there, summed from
 * the last balance checkpoint at or before it plus the postings after), and the stored anchors.
 * Every figure read here is append-only data or the chain head, so no lock is needed.
 */
public final class AnchorStore {

    /** A stored anchor: the point, when it was taken, its record id and its signature. */
    public record Stored(ChainPoint point, String anchorId, Instant anchoredAt, String signature) {
    }

    private AnchorStore() {
    }

    /** The live generation's number (a plain read). */
    public static long generation(Connection c) throws SQLException {
        return Generations.holdShared(c, false);
    }

    /** Every chain head ({@code chainId, seq, hash}), by chain id. */
    public static List<String[]> heads(Connection c) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT chain_id, last_seq, last_hash FROM ledger_chain ORDER BY chain_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
            }
        }
        return out;
    }

    /** Chain heads ({@code chainId, seq, hash}) ahead of their last stored anchor in {@code generation}. */
    public static List<String[]> headsToAnchor(Connection c, long generation) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT h.chain_id, h.last_seq, h.last_hash FROM ledger_chain h"
                + " WHERE h.last_seq > COALESCE((SELECT MAX(a.seq) FROM ledger_anchor a WHERE a.generation = ?"
                + " AND a.chain_id = h.chain_id), 0) ORDER BY h.chain_id")) {
            ps.setLong(1, generation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {rs.getString(1), Long.toString(rs.getLong(2)), rs.getString(3)});
                }
            }
        }
        return out;
    }

    /** The chain's point at {@code seq} as the live tables say, or empty when it has no entry there. */
    public static Optional<ChainPoint> pointAt(Connection c, long generation, String chainId, long seq)
            throws SQLException {
        String hash = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT hash FROM ledger_entry WHERE chain_id = ? AND seq = ?")) {
            ps.setString(1, chainId);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hash = rs.getString(1);
                }
            }
        }
        if (hash == null) {
            return Optional.empty();
        }
        return Optional.of(new ChainPoint(generation, chainId, seq, hash, balanceDigestAt(c, chainId, seq)));
    }

    /** The digest of one chain's balances over its entries 1..seq. */
    static String balanceDigestAt(Connection c, String chainId, long seq) throws SQLException {
        BalanceSheet sheet = new BalanceSheet();
        long from = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(seq) FROM ledger_checkpoint WHERE chain_id = ? AND seq <= ?")) {
            ps.setString(1, chainId);
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    from = rs.getLong(1);
                }
            }
        }
        if (from > 0) {
            sum(c, sheet, "SELECT account, currency, debit_minor, credit_minor FROM ledger_checkpoint_balance"
                    + " WHERE chain_id = ? AND seq = ?", chainId, from, null);
        }
        sum(c, sheet, "SELECT account, currency, SUM(CASE WHEN side = 'D' THEN amount_minor ELSE 0 END),"
                + " SUM(CASE WHEN side = 'C' THEN amount_minor ELSE 0 END) FROM ledger_posting"
                + " WHERE chain_id = ? AND seq > ? AND seq <= ? GROUP BY account, currency", chainId, from, seq);
        return sheet.digest();
    }

    private static void sum(Connection c, BalanceSheet sheet, String sql, String chainId, long a, Long b)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chainId);
            ps.setLong(2, a);
            if (b != null) {
                ps.setLong(3, b);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sheet.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }

    /** Stores an anchor once; false when the same point was stored already (another instance). */
    public static boolean insert(Connection c, Stored a) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM ledger_anchor WHERE generation = ?"
                + " AND chain_id = ? AND seq = ?")) {
            check.setLong(1, a.point().generation());
            check.setString(2, a.point().chainId());
            check.setLong(3, a.point().seq());
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_anchor (anchor_id, generation, chain_id,"
                + " seq, entry_hash, balance_digest, anchored_us, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.anchorId());
            ps.setLong(2, a.point().generation());
            ps.setString(3, a.point().chainId());
            ps.setLong(4, a.point().seq());
            ps.setString(5, a.point().entryHash());
            ps.setString(6, a.point().balanceDigest());
            ps.setLong(7, Math.multiplyExact(a.anchoredAt().getEpochSecond(), 1_000_000L)
                    + a.anchoredAt().getNano() / 1_000);
            ps.setString(8, a.signature());
            ps.executeUpdate();
            return true;
        }
    }

    /** The stored anchors of {@code generation}, by chain and seq. */
    public static List<Stored> stored(Connection c, long generation) throws SQLException {
        List<Stored> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, seq, entry_hash, balance_digest, anchor_id,"
                + " anchored_us, signature FROM ledger_anchor WHERE generation = ? ORDER BY chain_id, seq")) {
            ps.setLong(1, generation);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long us = rs.getLong(6);
                    out.add(new Stored(new ChainPoint(generation, rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4)), rs.getString(5),
                            Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L),
                            rs.getString(7)));
                }
            }
        }
        return out;
    }
}
