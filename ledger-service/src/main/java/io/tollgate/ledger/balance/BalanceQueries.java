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
 * last checkpoint that lies wholly before the instant plus the chain's later postings up to it.
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

    public BalanceSheet asOf(Instant instant, Basis basis) {
        String time = basis == Basis.BUSINESS ? "business_us" : "recorded_us";
        String maxTime = basis == Basis.BUSINESS ? "max_business_us" : "max_recorded_us";
        long at = EntryHasher.micros(instant);
        BalanceSheet sheet = new BalanceSheet();
        try (Connection c = databases.dataSource().getConnection()) {
            for (String chain : chains(c)) {
                long checkpoint = 0;
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM ledger_checkpoint"
                        + " WHERE chain_id = ? AND " + maxTime + " <= ?")) {
                    ps.setString(1, chain);
                    ps.setLong(2, at);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            checkpoint = rs.getLong(1);
                        }
                    }
                }
                if (checkpoint > 0) {
                    addRows(c, sheet, "SELECT account, currency, debit_minor, credit_minor"
                            + " FROM ledger_checkpoint_balance WHERE chain_id = ? AND seq = ?", chain, checkpoint, null);
                }
                addRows(c, sheet, "SELECT account, currency,"
                        + " SUM(CASE WHEN side = 'D' THEN amount_minor ELSE 0 END),"
                        + " SUM(CASE WHEN side = 'C' THEN amount_minor ELSE 0 END)"
                        + " FROM ledger_posting WHERE chain_id = ? AND seq > ? AND " + time + " <= ?"
                        + " GROUP BY account, currency", chain, checkpoint, at);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read balances as of " + instant, e);
        }
        return sheet;
    }

    private static List<String> chains(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_id FROM ledger_chain ORDER BY chain_id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void addRows(Connection c, BalanceSheet sheet, String sql, String chain, long seq, Long at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, chain);
            ps.setLong(2, seq);
            if (at != null) {
                ps.setLong(3, at);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sheet.add(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
                }
            }
        }
    }
}
