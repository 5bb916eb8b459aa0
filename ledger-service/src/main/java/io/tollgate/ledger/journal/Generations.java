package io.tollgate.ledger.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal's generations: the live tables ({@code ledger_*}), the shadow a rebuild writes
 * ({@code ledger_shadow_*}) and the previous live generation ({@code ledger_prev_*}, kept until the
 * next rebuild). The swap moves them in one transaction of the caller's; the generation row's lock
 * is what every live batch takes shared and the swap takes exclusively.
 */
public final class Generations {

    /** Entry ids listed per side in a comparison; the counts cover every one. */
    public static final int ENTRIES_LISTED_MAX = 100;
    /** How long a live batch waits for a swap on PostgreSQL before it is retried (transient). */
    static final long SHARED_WAIT_MS = 20_000;

    /** Every journal table's columns, in the live tables' order (posting_id is regenerated live). */
    private static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("entry", "entry_id, chain_id, seq, kind, order_id, source_event_id, source_topic,"
                + " source_partition, source_offset, business_us, recorded_us, prev_hash, hash, principal,"
                + " source_signature, policy_version, policy_clause");
        COLUMNS.put("posting", "entry_id, line, chain_id, seq, account, currency, side, amount_minor,"
                + " business_us, recorded_us");
        COLUMNS.put("balance", "chain_id, account, currency, debit_minor, credit_minor");
        COLUMNS.put("chain", "chain_id, last_seq, last_hash, max_business_us, max_recorded_us, checkpoint_seq,"
                + " tail_min_business_us, tail_min_recorded_us");
        COLUMNS.put("checkpoint", "chain_id, seq, max_business_us, max_recorded_us, from_seq, min_business_us,"
                + " min_recorded_us");
        COLUMNS.put("checkpoint_balance", "chain_id, seq, account, currency, debit_minor, credit_minor");
        COLUMNS.put("order", "order_id, status, currency, gross_minor, due_minor, paid_minor, parked, suspended,"
                + " anomalies, deadline_us, state, version, deadline_chain");
        COLUMNS.put("processed_event", "event_id, topic, kafka_partition, kafka_offset");
    }

    private Generations() {
    }

    /**
     * Takes the generation row shared in the caller's transaction: on PostgreSQL a live batch of
     * any instance then waits for a swap (at most {@link #SHARED_WAIT_MS}, then SQLState 55P03, a
     * transient failure whose batch is retried). An H2 database is embedded in one process, where
     * the writer's permit already keeps live batches out of a swap: a plain read there.
     */
    public static long holdShared(Connection c, boolean postgres) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (postgres) {
                s.execute("SET LOCAL lock_timeout = '" + SHARED_WAIT_MS + "ms'");
            }
            return generation(s, postgres ? " FOR SHARE" : "");
        }
    }

    /** Takes the generation row exclusively in the caller's transaction: live posting pauses. */
    public static long lockForSwap(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            return generation(s, " FOR UPDATE");
        }
    }

    private static long generation(Statement s, String lock) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT generation FROM ledger_generation WHERE id = 1" + lock)) {
            if (!rs.next()) {
                throw new IllegalStateException("ledger_generation has no row: the migrations did not run");
            }
            return rs.getLong(1);
        }
    }

    /**
     * In the caller's transaction (which holds {@link #lockForSwap}): the live generation becomes
     * the previous one, the shadow becomes live, the shadow is emptied and the generation number
     * moves on. Returns the new number. Nothing is visible to anyone else before the commit.
     */
    public static long swap(Connection c, long swappedUs) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> t : COLUMNS.entrySet()) {
                String cols = t.getValue();
                String idCol = t.getKey().equals("posting") ? "posting_id, " : "";
                s.executeUpdate("DELETE FROM ledger_prev_" + t.getKey());
                s.executeUpdate("INSERT INTO ledger_prev_" + t.getKey() + " (" + idCol + cols + ") SELECT "
                        + idCol + cols + " FROM " + live(t.getKey()));
                s.executeUpdate("DELETE FROM " + live(t.getKey()));
                // Postings keep their order; the live identity numbers them anew after the last
                // one it gave out, so a later live posting never collides with a copied one.
                s.executeUpdate("INSERT INTO " + live(t.getKey()) + " (" + cols + ") SELECT " + cols
                        + " FROM ledger_shadow_" + t.getKey() + (idCol.isEmpty() ? "" : " ORDER BY posting_id"));
                s.executeUpdate("DELETE FROM ledger_shadow_" + t.getKey());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_generation SET generation = generation + 1,"
                + " swapped_us = ? WHERE id = 1")) {
            ps.setLong(1, swappedUs);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            return generation(s, "");
        }
    }

    private static String live(String table) {
        return "ledger_" + table;
    }

    /** Entries present in one generation only (by entry id, which the events determine). */
    public record EntryDifference(long onlyInPreviousCount, List<String> onlyInPrevious, long onlyInNewCount,
                                  List<String> onlyInNew) {
    }

    /** Compares the previous generation's entries with the live one's. */
    public static EntryDifference compareEntries(Connection c) throws SQLException {
        List<String> onlyOld = new ArrayList<>();
        List<String> onlyNew = new ArrayList<>();
        long oldCount = missing(c, "ledger_prev_entry", "ledger_entry", onlyOld);
        long newCount = missing(c, "ledger_entry", "ledger_prev_entry", onlyNew);
        return new EntryDifference(oldCount, List.copyOf(onlyOld), newCount, List.copyOf(onlyNew));
    }

    private static long missing(Connection c, String from, String other, List<String> listed) throws SQLException {
        String where = " FROM " + from + " a WHERE NOT EXISTS (SELECT 1 FROM " + other
                + " b WHERE b.entry_id = a.entry_id)";
        try (Statement s = c.createStatement()) {
            s.setMaxRows(ENTRIES_LISTED_MAX);
            try (ResultSet rs = s.executeQuery("SELECT a.entry_id" + where + " ORDER BY a.entry_id")) {
                while (rs.next()) {
                    listed.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*)" + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
