package io.tollgate.ledger.balance;

import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.ledger.journal.EntryHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Balances now (the running sums per chain, added up on read) and as of an instant: per chain, the
 * last checkpoint that lies wholly before the instant plus the chain's later postings up to it, read
 * only from the checkpoint intervals that hold any.
 * Single reads go through {@link SqlStatements}; the as-of read keeps one connection for its
 * statements per chain.
 */
@ApplicationScoped
public class BalanceQueries {

    /** Which time an as-of query cuts by. */
    public enum Basis { BUSINESS, RECORDED }

    private final Databases databases;
    private final SqlStatements sql;

    @Inject
    public BalanceQueries(Databases databases, SqlStatements sql) {
        this.databases = databases;
        this.sql = sql;
    }

    /** One account's sums in one currency, as read. */
    private record Sums(String account, String currency, long debitsMinor, long creditsMinor) {
    }

    public BalanceSheet current() {
        return sheetOf(sql.query("SELECT account, currency, SUM(debit_minor), SUM(credit_minor)"
                + " FROM ledger_balance GROUP BY account, currency", BalanceQueries::sums));
    }

    /**
     * Balances summed from the postings of stored entries (whose hashes cover them), not from the
     * running sums: what a digest is taken from, so a lost entry changes it. A full scan of the
     * postings; {@link #current()} is the fast read of the same figures (the audit compares the two).
     */
    public BalanceSheet fromJournal() {
        return sheetOf(sql.query("SELECT p.account, p.currency,"
                + " SUM(CASE WHEN p.side = 'D' THEN p.amount_minor ELSE 0 END),"
                + " SUM(CASE WHEN p.side = 'C' THEN p.amount_minor ELSE 0 END)"
                + " FROM ledger_posting p JOIN ledger_entry e ON e.entry_id = p.entry_id"
                + " AND e.chain_id = p.chain_id AND e.seq = p.seq GROUP BY p.account, p.currency",
                BalanceQueries::sums));
    }

    // One row per account and currency: bounded by the chart of accounts.
    private static BalanceSheet sheetOf(List<Sums> rows) {
        BalanceSheet sheet = new BalanceSheet();
        for (Sums row : rows) {
            sheet.add(row.account(), row.currency(), row.debitsMinor(), row.creditsMinor());
        }
        return sheet;
    }

    private static Sums sums(ResultSet rs) throws SQLException {
        return new Sums(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
    }

    /**
     * Balances as of {@code instant}: per chain, the balances of the last checkpoint whose entries all
     * lie at or before the instant (its running maximum time), plus the postings at or before the
     * instant in the later intervals that hold any (their earliest time), and in the chain's tail
     * after its last checkpoint likewise. Times are mostly in seq order, so a historical instant
     * reads one checkpoint and about one interval per chain; a late-dated entry only adds its own
     * interval.
     */
    public BalanceSheet asOf(Instant instant, Basis basis) {
        String time = basis == Basis.BUSINESS ? "business_us" : "recorded_us";
        String maxTime = basis == Basis.BUSINESS ? "max_business_us" : "max_recorded_us";
        String minTime = basis == Basis.BUSINESS ? "min_business_us" : "min_recorded_us";
        long at = EntryHasher.micros(instant);
        BalanceSheet sheet = new BalanceSheet();
        try (Connection c = databases.dataSource().getConnection()) {
            for (ChainTail chain : chains(c, basis)) {
                long start = 0;
                List<long[]> ranges = new ArrayList<>();
                // Checkpoints holding an entry at or before the instant, in seq order: first those
                // wholly before it (a prefix, as the maximum is a running one), then the rest.
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, from_seq, " + maxTime
                        + " FROM ledger_checkpoint WHERE chain_id = ? AND " + minTime + " <= ? ORDER BY seq")) {
                    ps.setString(1, chain.chainId());
                    ps.setLong(2, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getLong(3) <= at) {
                                start = rs.getLong(1);
                            } else {
                                addRange(ranges, rs.getLong(2), rs.getLong(1));
                            }
                        }
                    }
                }
                if (chain.tailMin() <= at) {
                    addRange(ranges, chain.checkpointSeq(), Long.MAX_VALUE);
                }
                if (start > 0) {
                    addRows(c, sheet, "SELECT account, currency, debit_minor, credit_minor"
                            + " FROM ledger_checkpoint_balance WHERE chain_id = ? AND seq = ?", chain.chainId(),
                            start, Long.MAX_VALUE, null);
                }
                for (long[] range : ranges) {
                    addRows(c, sheet, "SELECT account, currency,"
                            + " SUM(CASE WHEN side = 'D' THEN amount_minor ELSE 0 END),"
                            + " SUM(CASE WHEN side = 'C' THEN amount_minor ELSE 0 END)"
                            + " FROM ledger_posting WHERE chain_id = ? AND seq > ? AND seq <= ? AND " + time + " <= ?"
                            + " GROUP BY account, currency", chain.chainId(), range[0], range[1], at);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read balances as of " + instant, e);
        }
        return sheet;
    }

    /** Adds the seq interval (from, to], joined to the last one when they touch. */
    private static void addRange(List<long[]> ranges, long from, long to) {
        long[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1] == from) {
            last[1] = to;
        } else {
            ranges.add(new long[] {from, to});
        }
    }

    /** A chain's last checkpoint and the earliest time (of the basis) of the entries after it. */
    private record ChainTail(String chainId, long checkpointSeq, long tailMin) {
    }

    private static List<ChainTail> chains(Connection c, Basis basis) throws SQLException {
        List<ChainTail> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_id, checkpoint_seq, "
                     + (basis == Basis.BUSINESS ? "tail_min_business_us" : "tail_min_recorded_us")
                     + " FROM ledger_chain ORDER BY chain_id")) {
            while (rs.next()) {
                out.add(new ChainTail(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    private static void addRows(Connection c, BalanceSheet sheet, String sql, String chain, long from, long to,
                                Long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chain);
            ps.setLong(2, from);
            if (at != null) {
                ps.setLong(3, to);
                ps.setLong(4, at);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sheet.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }
}
