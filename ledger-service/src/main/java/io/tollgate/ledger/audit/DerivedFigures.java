package io.tollgate.ledger.audit;

import io.tollgate.ledger.audit.ChainVerifier.Kind;
import io.tollgate.ledger.audit.ChainVerifier.Problem;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures queries read besides the entries themselves, re-derived from one chain's verified
 * postings as the chain is walked in seq order: the chain's running balances (ledger_balance) and
 * each checkpoint's balances and time bounds (what as-of queries start from, and the earliest times
 * of the interval each closes and of the chain's tail, which decide what they skip). Also finds rows that
 * belong to no stored entry or chain at all.
 */
final class DerivedFigures {

    private final String chainId;
    /** account NUL currency → {debits, credits} of the postings verified so far. */
    private final Map<String, long[]> sums = new HashMap<>();
    /**
     * Checkpoint seq → {max business us, max recorded us, from seq, min business us, min recorded us}
     * as stored.
     */
    private final TreeMap<Long, long[]> checkpoints = new TreeMap<>();
    private long maxBusinessUs = Long.MIN_VALUE;
    private long maxRecordedUs = Long.MIN_VALUE;
    /** The earliest times since the last checkpoint passed (none yet: later than every instant). */
    private long intervalMinBusinessUs = Long.MAX_VALUE;
    private long intervalMinRecordedUs = Long.MAX_VALUE;
    private long lastCheckpointSeq;
    private long lastSeq;

    DerivedFigures(String chainId) {
        this.chainId = chainId;
    }

    void loadCheckpoints(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, max_business_us, max_recorded_us, from_seq,"
                + " min_business_us, min_recorded_us FROM ledger_checkpoint WHERE chain_id = ?")) {
            ps.setString(1, chainId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checkpoints.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)});
                }
            }
        }
    }

    /** Adds a verified entry; at a checkpoint's seq, compares the checkpoint with the sums so far. */
    Problem add(Connection c, long seq, long businessUs, long recordedUs, List<Posting> postings)
            throws SQLException {
        for (Posting p : postings) {
            long[] s = sums.computeIfAbsent(key(p.account(), p.currency()), k -> new long[2]);
            s[p.side() == Side.DEBIT ? 0 : 1] += p.amountMinor();
        }
        maxBusinessUs = Math.max(maxBusinessUs, businessUs);
        maxRecordedUs = Math.max(maxRecordedUs, recordedUs);
        intervalMinBusinessUs = Math.min(intervalMinBusinessUs, businessUs);
        intervalMinRecordedUs = Math.min(intervalMinRecordedUs, recordedUs);
        lastSeq = seq;
        long[] bounds = checkpoints.get(seq);
        if (bounds == null) {
            return null;
        }
        if (bounds[0] != maxBusinessUs || bounds[1] != maxRecordedUs) {
            return checkpoint(seq, "its time bounds differ from the latest times of the entries up to it");
        }
        if (bounds[2] != lastCheckpointSeq || bounds[3] != intervalMinBusinessUs
                || bounds[4] != intervalMinRecordedUs) {
            return checkpoint(seq, "its interval or the interval's earliest times differ from the entries after"
                    + " checkpoint " + lastCheckpointSeq);
        }
        lastCheckpointSeq = seq;
        intervalMinBusinessUs = Long.MAX_VALUE;
        intervalMinRecordedUs = Long.MAX_VALUE;
        String mismatch = compare(c, "SELECT account, currency, debit_minor, credit_minor"
                + " FROM ledger_checkpoint_balance WHERE chain_id = ? AND seq = ?", seq);
        return mismatch == null ? null : checkpoint(seq, "balance " + mismatch
                + " differs from the sum of the chain's postings up to it");
    }

    /** The digest of the chain's balances over the entries added so far (docs/ledger-rules.md section 9). */
    String balanceDigest() {
        io.tollgate.ledger.balance.BalanceSheet sheet = new io.tollgate.ledger.balance.BalanceSheet();
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            int cut = e.getKey().indexOf('\u0000');
            sheet.add(e.getKey().substring(0, cut), e.getKey().substring(cut + 1), e.getValue()[0], e.getValue()[1]);
        }
        return sheet.digest();
    }

    /** After the chain's last entry: no checkpoint beyond it, and the running balances match. */
    Problem finish(Connection c) throws SQLException {
        Long beyond = checkpoints.higherKey(lastSeq);
        if (beyond != null) {
            return checkpoint(beyond, "the checkpoint lies beyond the chain's last entry " + lastSeq);
        }
        String mismatch = compare(c, "SELECT account, currency, debit_minor, credit_minor"
                + " FROM ledger_balance WHERE chain_id = ?", null);
        if (mismatch != null) {
            return new Problem(Kind.BALANCE, "ledger_balance", chainId + " " + mismatch, chainId, lastSeq, null,
                    "running balance " + mismatch + " differs from the sum of the chain's postings");
        }
        return tailTimes(c);
    }

    /** The chain head's last checkpoint and earliest tail times against the entries walked. */
    private Problem tailTimes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_seq, tail_min_business_us,"
                + " tail_min_recorded_us FROM ledger_chain WHERE chain_id = ?")) {
            ps.setString(1, chainId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && (rs.getLong(1) != lastCheckpointSeq || rs.getLong(2) != intervalMinBusinessUs
                        || rs.getLong(3) != intervalMinRecordedUs)) {
                    return new Problem(Kind.CHECKPOINT, "ledger_chain", chainId, chainId, lastSeq, null,
                            "chain " + chainId + ": its last checkpoint or the earliest times after it differ"
                                    + " from the entries after checkpoint " + lastCheckpointSeq);
                }
            }
        }
        return null;
    }

    /** Rows outside every verified chain: postings without their entry, sums of chains that are gone. */
    static Problem strayRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT p.posting_id, p.entry_id, p.chain_id, p.seq"
                    + " FROM ledger_posting p LEFT JOIN ledger_entry e ON e.entry_id = p.entry_id"
                    + " WHERE e.entry_id IS NULL OR e.chain_id <> p.chain_id OR e.seq <> p.seq"
                    + " ORDER BY p.posting_id")) {
                if (rs.next()) {
                    return new Problem(Kind.ORPHAN_POSTING, "ledger_posting", Long.toString(rs.getLong(1)),
                            rs.getString(3), rs.getLong(4), rs.getString(2), "posting " + rs.getLong(1)
                            + " belongs to no stored entry at " + rs.getString(3) + "#" + rs.getLong(4));
                }
            }
            Problem p = stray(s, "ledger_balance", Kind.BALANCE);
            return p != null ? p : stray(s, "ledger_checkpoint", Kind.CHECKPOINT);
        }
    }

    private static Problem stray(Statement s, String table, Kind kind) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT t.chain_id FROM " + table + " t LEFT JOIN ledger_chain h"
                + " ON h.chain_id = t.chain_id WHERE h.chain_id IS NULL ORDER BY t.chain_id")) {
            if (rs.next()) {
                return new Problem(kind, table, rs.getString(1), rs.getString(1), 0, null,
                        table + " holds figures of chain " + rs.getString(1) + ", which has no entries or head");
            }
        }
        return null;
    }

    /** The first stored row that differs from the sums (or a sum without its row), else null. */
    private String compare(Connection c, String sql, Long seq) throws SQLException {
        Map<String, long[]> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chainId);
            if (seq != null) {
                ps.setLong(2, seq);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(key(rs.getString(1), rs.getString(2)), new long[] {rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        for (Map.Entry<String, long[]> row : new TreeMap<>(stored).entrySet()) {
            if (!Arrays.equals(row.getValue(), sums.get(row.getKey()))) {
                return label(row.getKey());
            }
        }
        for (String k : new TreeMap<>(sums).keySet()) {
            if (!stored.containsKey(k)) {
                return label(k);
            }
        }
        return null;
    }

    private Problem checkpoint(long seq, String reason) {
        return new Problem(Kind.CHECKPOINT, "ledger_checkpoint", chainId + "#" + seq, chainId, seq, null,
                "checkpoint " + chainId + "#" + seq + ": " + reason);
    }

    private static String key(String account, String currency) {
        return account + '\u0000' + currency;
    }

    private static String label(String key) {
        return key.replace('\u0000', ' ');
    }
}
