package io.tollgate.ledger.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.WireJson;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.PostingEngine;
import io.tollgate.ledger.posting.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The journal tables over one JDBC connection (the caller's transaction): loads a batch's working set
 * and stores its outcome with JDBC batches: entries, postings, running balances per chain, chain
 * heads, order states and processed event ids, plus a balance checkpoint per chain every
 * {@code checkpointInterval} entries.
 */
public final class JournalStore {

    /** Ids per IN (...) query; a fixed size keeps the statement cacheable. */
    private static final int IN_CHUNK = 100;
    private static final ObjectMapper JSON = WireJson.mapper();
    private static final String[] TABLES = {"ledger_entry", "ledger_posting", "ledger_balance", "ledger_chain",
        "ledger_checkpoint", "ledger_checkpoint_balance", "ledger_order", "ledger_processed_event"};

    /** The live generation's table prefix. */
    public static final String LIVE = "ledger_";
    /** The prefix of the generation a rebuild writes before it is swapped in. */
    public static final String SHADOW = "ledger_shadow_";
    /** The prefix of the generation the last swap replaced, kept for the comparison. */
    public static final String PREVIOUS = "ledger_prev_";

    private final long checkpointInterval;
    private final String prefix;

    public JournalStore(long checkpointInterval) {
        this(checkpointInterval, LIVE);
    }

    /** A store over the tables named {@code prefix} + entry, posting, ... (a generation). */
    public JournalStore(long checkpointInterval, String prefix) {
        if (checkpointInterval < 1) {
            throw new IllegalArgumentException("checkpointInterval must be positive");
        }
        if (!prefix.equals(LIVE) && !prefix.equals(SHADOW)) {
            throw new IllegalArgumentException("unknown generation prefix " + prefix);
        }
        this.checkpointInterval = checkpointInterval;
        this.prefix = prefix;
    }

    /** The statement on this store's generation: every table name in the SQL starts with ledger_. */
    private String sql(String statement) {
        return prefix.equals(LIVE) ? statement : statement.replace(LIVE, prefix);
    }

    PreparedStatement prepare(Connection c, String statement) throws SQLException {
        return c.prepareStatement(sql(statement));
    }

    private ResultSet query(Statement s, String statement) throws SQLException {
        return s.executeQuery(sql(statement));
    }

    private int update(Statement s, String statement) throws SQLException {
        return s.executeUpdate(sql(statement));
    }

    /**
     * A chain's head with the running maxima a checkpoint needs, and the earliest times of the
     * entries after its last checkpoint ({@link #NO_ENTRY} while there are none).
     */
    public record ChainRow(ChainHead head, long maxBusinessUs, long maxRecordedUs, long checkpointSeq,
                           long tailMinBusinessUs, long tailMinRecordedUs) {

        /** The earliest time of no entry at all: later than every instant. */
        public static final long NO_ENTRY = Long.MAX_VALUE;
    }

    public Map<String, ChainRow> loadChains(Connection c) throws SQLException {
        Map<String, ChainRow> out = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = query(s, "SELECT chain_id, last_seq, last_hash, max_business_us, max_recorded_us,"
                     + " checkpoint_seq, tail_min_business_us, tail_min_recorded_us FROM ledger_chain")) {
            while (rs.next()) {
                String id = rs.getString(1);
                out.put(id, new ChainRow(new ChainHead(id, rs.getLong(2), EntryHasher.unhex(rs.getString(3))),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
            }
        }
        return out;
    }

    public Set<String> processedAmong(Connection c, Collection<String> eventIds) throws SQLException {
        Set<String> out = new HashSet<>();
        forChunks(c, "SELECT event_id FROM ledger_processed_event WHERE event_id IN ", eventIds,
                rs -> out.add(rs.getString(1)));
        return out;
    }

    /** The states of the named orders that have a row; their row versions go into {@code versions}. */
    public Map<String, OrderState> loadOrders(Connection c, Collection<String> orderIds, Map<String, Long> versions)
            throws SQLException {
        Map<String, OrderState> out = new HashMap<>();
        forChunks(c, "SELECT state, version FROM ledger_order WHERE order_id IN ", orderIds, rs -> {
            OrderState s = read(rs.getString(1));
            out.put(s.orderId, s);
            versions.put(s.orderId, rs.getLong(2));
        });
        return out;
    }

    /**
     * Orders with a waiting payment due by {@code now} whose timeout entry goes to one of
     * {@code chains} (null: any chain), at most {@code limit}, the most overdue first.
     */
    public List<String> dueOrders(Connection c, Instant now, int limit, Set<String> chains) throws SQLException {
        List<String> out = new ArrayList<>();
        if (chains != null && chains.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("SELECT order_id FROM ledger_order WHERE deadline_us <= ?");
        if (chains != null) {
            sql.append(" AND deadline_chain IN (").append("?, ".repeat(chains.size() - 1)).append("?)");
        }
        try (PreparedStatement ps = prepare(c, sql.append(" ORDER BY deadline_us").toString())) {
            ps.setMaxRows(limit);
            ps.setLong(1, EntryHasher.micros(now));
            int i = 2;
            for (String chain : chains == null ? List.<String>of() : chains) {
                ps.setString(i++, chain);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Stores what a batch changed. {@code versions} are the row versions of the orders that had a
     * row when they were loaded; a row or chain head changed since by another writer fails the whole
     * store with {@link ConcurrentWriteException} (the caller rolls back and retries).
     */
    public void store(Connection c, BatchPoster.Outcome outcome, Map<String, OrderState> orders,
                      Map<String, Long> versions, Map<String, ChainRow> chains, PostingEngine engine)
            throws SQLException {
        insertEntries(c, outcome.entries());
        insertPostings(c, outcome.entries());
        addToBalances(c, outcome.entries());
        storeChains(c, outcome.entries(), chains);
        storeOrders(c, outcome.touched(), orders, versions, engine);
        insertProcessed(c, outcome.applied());
    }

    /** Deletes every journal row: the start of a rebuild. */
    public void wipe(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                update(s, "DELETE FROM " + table);
            }
        }
    }

    public boolean isEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = query(s, "SELECT COUNT(*) FROM ledger_processed_event")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    void insertEntries(Connection c, List<JournalEntry> entries) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_entry (entry_id, chain_id, seq, kind,"
                + " order_id, source_event_id, source_topic, source_partition, source_offset, business_us,"
                + " recorded_us, principal, prev_hash, hash, source_signature, policy_version, policy_clause)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JournalEntry e : entries) {
                var d = e.draft();
                ps.setString(1, d.entryId());
                ps.setString(2, e.chainId());
                ps.setLong(3, e.seq());
                ps.setString(4, d.kind().name());
                ps.setString(5, d.orderId());
                ps.setString(6, d.source().eventId());
                ps.setString(7, d.source().topic());
                ps.setInt(8, d.source().partition());
                ps.setLong(9, d.source().offset());
                ps.setLong(10, EntryHasher.micros(d.businessTime()));
                ps.setLong(11, EntryHasher.micros(e.recordedTime()));
                ps.setString(12, d.source().principal());
                ps.setString(13, e.prevHashHex());
                ps.setString(14, e.hashHex());
                ps.setString(15, d.source().signature());
                ps.setString(16, d.source().policyVersion());
                ps.setString(17, d.source().policyClause());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insertPostings(Connection c, List<JournalEntry> entries) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_posting (entry_id, line, chain_id, seq,"
                + " account, currency, side, amount_minor, business_us, recorded_us)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JournalEntry e : entries) {
                int line = 0;
                for (Posting p : e.draft().postings()) {
                    ps.setString(1, e.draft().entryId());
                    ps.setInt(2, line++);
                    ps.setString(3, e.chainId());
                    ps.setLong(4, e.seq());
                    ps.setString(5, p.account());
                    ps.setString(6, p.currency());
                    ps.setString(7, p.side().code());
                    ps.setLong(8, p.amountMinor());
                    ps.setLong(9, EntryHasher.micros(e.draft().businessTime()));
                    ps.setLong(10, EntryHasher.micros(e.recordedTime()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Adds the batch's postings to the running balances of their chains: update, then insert the new rows. */
    private void addToBalances(Connection c, List<JournalEntry> entries) throws SQLException {
        Map<List<String>, long[]> deltas = new HashMap<>();
        for (JournalEntry e : entries) {
            for (Posting p : e.draft().postings()) {
                long[] d = deltas.computeIfAbsent(List.of(e.chainId(), p.account(), p.currency()), k -> new long[2]);
                d[p.side() == Side.DEBIT ? 0 : 1] += p.amountMinor();
            }
        }
        List<Map.Entry<List<String>, long[]>> rows = new ArrayList<>(deltas.entrySet());
        int[] updated;
        try (PreparedStatement ps = prepare(c, "UPDATE ledger_balance SET debit_minor = debit_minor + ?,"
                + " credit_minor = credit_minor + ? WHERE chain_id = ? AND account = ? AND currency = ?")) {
            for (Map.Entry<List<String>, long[]> row : rows) {
                ps.setLong(1, row.getValue()[0]);
                ps.setLong(2, row.getValue()[1]);
                ps.setString(3, row.getKey().get(0));
                ps.setString(4, row.getKey().get(1));
                ps.setString(5, row.getKey().get(2));
                ps.addBatch();
            }
            updated = ps.executeBatch();
        }
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_balance (chain_id, account, currency,"
                + " debit_minor, credit_minor) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                if (updated[i] == 0) {
                    Map.Entry<List<String>, long[]> row = rows.get(i);
                    ps.setString(1, row.getKey().get(0));
                    ps.setString(2, row.getKey().get(1));
                    ps.setString(3, row.getKey().get(2));
                    ps.setLong(4, row.getValue()[0]);
                    ps.setLong(5, row.getValue()[1]);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void storeChains(Connection c, List<JournalEntry> entries, Map<String, ChainRow> chains)
            throws SQLException {
        Map<String, ChainRow> changed = new HashMap<>();
        for (JournalEntry e : entries) {
            ChainRow before = changed.getOrDefault(e.chainId(), chains.get(e.chainId()));
            long business = EntryHasher.micros(e.draft().businessTime());
            long recorded = EntryHasher.micros(e.recordedTime());
            changed.put(e.chainId(), before == null
                    ? new ChainRow(new ChainHead(e.chainId(), e.seq(), EntryHasher.unhex(e.hashHex())),
                            business, recorded, 0, business, recorded)
                    : new ChainRow(new ChainHead(e.chainId(), e.seq(), EntryHasher.unhex(e.hashHex())),
                            Math.max(before.maxBusinessUs(), business), Math.max(before.maxRecordedUs(), recorded),
                            before.checkpointSeq(), Math.min(before.tailMinBusinessUs(), business),
                            Math.min(before.tailMinRecordedUs(), recorded)));
        }
        for (ChainRow row : changed.values()) {
            String id = row.head().chainId();
            boolean checkpoint = row.head().seq() - row.checkpointSeq() >= checkpointInterval;
            ChainRow stored = checkpoint
                    ? new ChainRow(row.head(), row.maxBusinessUs(), row.maxRecordedUs(), row.head().seq(),
                            ChainRow.NO_ENTRY, ChainRow.NO_ENTRY)
                    : row;
            ChainRow loaded = chains.get(id);
            upsertChain(c, stored, loaded == null ? -1 : loaded.head().seq());
            if (checkpoint) {
                writeCheckpoint(c, row);
            }
            chains.put(id, stored);
        }
    }

    /**
     * Moves a chain's head from {@code loadedSeq} (-1: no row yet) to the row's: a compare-and-set, so
     * a second writer of the chain (a zombie owner after a rebalance) fails instead of forking it.
     */
    private void upsertChain(Connection c, ChainRow row, long loadedSeq) throws SQLException {
        boolean exists = loadedSeq >= 0;
        String sql = exists
                ? "UPDATE ledger_chain SET last_seq = ?, last_hash = ?, max_business_us = ?, max_recorded_us = ?,"
                        + " checkpoint_seq = ?, tail_min_business_us = ?, tail_min_recorded_us = ?"
                        + " WHERE chain_id = ? AND last_seq = ?"
                : "INSERT INTO ledger_chain (last_seq, last_hash, max_business_us, max_recorded_us, checkpoint_seq,"
                        + " tail_min_business_us, tail_min_recorded_us, chain_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = prepare(c, sql)) {
            ps.setLong(1, row.head().seq());
            ps.setString(2, EntryHasher.hex(row.head().hash()));
            ps.setLong(3, row.maxBusinessUs());
            ps.setLong(4, row.maxRecordedUs());
            ps.setLong(5, row.checkpointSeq());
            ps.setLong(6, row.tailMinBusinessUs());
            ps.setLong(7, row.tailMinRecordedUs());
            ps.setString(8, row.head().chainId());
            if (exists) {
                ps.setLong(9, loadedSeq);
            }
            if (ps.executeUpdate() != 1) {
                throw new ConcurrentWriteException("chain " + row.head().chainId() + " moved past seq " + loadedSeq
                        + " since this batch loaded it");
            }
        }
    }

    /**
     * Copies the chain's running balances, which cover exactly its entries up to the head, and
     * closes the interval since the previous checkpoint with the earliest times of its entries (the
     * row's tail before the checkpoint): what lets an as-of query skip the interval.
     */
    private void writeCheckpoint(Connection c, ChainRow row) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_checkpoint (chain_id, seq, max_business_us,"
                + " max_recorded_us, from_seq, min_business_us, min_recorded_us) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.head().chainId());
            ps.setLong(2, row.head().seq());
            ps.setLong(3, row.maxBusinessUs());
            ps.setLong(4, row.maxRecordedUs());
            ps.setLong(5, row.checkpointSeq());
            ps.setLong(6, row.tailMinBusinessUs());
            ps.setLong(7, row.tailMinRecordedUs());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_checkpoint_balance (chain_id, seq, account,"
                + " currency, debit_minor, credit_minor) SELECT chain_id, ?, account, currency, debit_minor,"
                + " credit_minor FROM ledger_balance WHERE chain_id = ?")) {
            ps.setLong(1, row.head().seq());
            ps.setString(2, row.head().chainId());
            ps.executeUpdate();
        }
    }

    private void storeOrders(Connection c, Set<String> touched, Map<String, OrderState> orders,
                                    Map<String, Long> versions, PostingEngine engine) throws SQLException {
        String update = "UPDATE ledger_order SET status = ?, currency = ?, gross_minor = ?, due_minor = ?,"
                + " paid_minor = ?, parked = ?, suspended = ?, anomalies = ?, deadline_us = ?, deadline_chain = ?,"
                + " state = ?, version = ? WHERE order_id = ? AND version = ?";
        String insert = "INSERT INTO ledger_order (status, currency, gross_minor, due_minor, paid_minor, parked,"
                + " suspended, anomalies, deadline_us, deadline_chain, state, version, order_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        List<String> updated = new ArrayList<>();
        try (PreparedStatement up = prepare(c, update); PreparedStatement in = prepare(c, insert)) {
            for (String id : touched) {
                OrderState s = orders.get(id);
                Long loaded = versions.get(id);
                PreparedStatement ps = loaded != null ? up : in;
                bindOrder(ps, s, engine);
                ps.setLong(12, loaded == null ? 0 : loaded + 1);
                ps.setString(13, id);
                if (loaded != null) {
                    ps.setLong(14, loaded);
                    updated.add(id);
                }
                ps.addBatch();
            }
            int[] counts = up.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new ConcurrentWriteException("order " + updated.get(i) + " changed since version "
                            + versions.get(updated.get(i)) + " was loaded");
                }
            }
            in.executeBatch();
        }
        for (String id : touched) {
            versions.merge(id, 0L, (old, zero) -> old + 1);
        }
    }

    void bindOrder(PreparedStatement ps, OrderState s, PostingEngine engine) throws SQLException {
        ps.setString(1, s.status());
        ps.setString(2, s.request == null ? null : s.request.currency());
        ps.setLong(3, s.grossAuthorizedMinor());
        ps.setLong(4, s.shareDueMinor());
        ps.setLong(5, s.sharePaidMinor());
        ps.setInt(6, s.parkedCount());
        ps.setInt(7, s.suspendedCount());
        ps.setLong(8, s.anomalies);
        Instant deadline = engine.deadline(s);
        if (deadline == null) {
            ps.setNull(9, Types.BIGINT);
            ps.setNull(10, Types.VARCHAR);
        } else {
            ps.setLong(9, EntryHasher.micros(deadline));
            ps.setString(10, engine.deadlineChain(s));
        }
        ps.setString(11, write(s));
    }

    void insertProcessed(Connection c, List<LedgerEvent> applied) throws SQLException {
        try (PreparedStatement ps = prepare(c, "INSERT INTO ledger_processed_event (event_id, topic,"
                + " kafka_partition, kafka_offset) VALUES (?, ?, ?, ?)")) {
            for (LedgerEvent e : applied) {
                ps.setString(1, e.eventId());
                ps.setString(2, e.source().topic());
                ps.setInt(3, e.source().partition());
                ps.setLong(4, e.source().offset());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void forChunks(Connection c, String sqlPrefix, Collection<String> ids, RowReader reader)
            throws SQLException {
        List<String> all = new ArrayList<>(new HashSet<>(ids));
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            StringBuilder sql = new StringBuilder(sqlPrefix).append('(');
            for (int i = 0; i < IN_CHUNK; i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            sql.append(')');
            try (PreparedStatement ps = prepare(c, sql.toString())) {
                for (int i = 0; i < IN_CHUNK; i++) {
                    // Pad with the first id: the statement keeps one shape whatever the chunk size.
                    ps.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    static OrderState read(String json) {
        try {
            return JSON.readValue(json, OrderState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable order state: " + e.getOriginalMessage(), e);
        }
    }

    static String write(OrderState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state of order " + state.orderId, e);
        }
    }
}
