package io.tollgate.ledger.journal;

import io.tollgate.ledger.posting.EntryDraft;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import io.tollgate.ledger.posting.UnpostableEventException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rebuild's working set, kept in memory for the whole replay: the order states, the processed
 * event ids, the chain heads and the running balances per chain. Events are applied and sealed
 * into their chains here; each {@link #flush} appends only what is new (entries, postings,
 * processed ids, the checkpoints that fell due), and {@link #finish} writes the order states,
 * balances and chain rows once, instead of loading and rewriting them in every batch. The result
 * in the shadow tables is what posting the same events batch by batch would have stored.
 * Single-threaded: one replay owns it.
 */
public final class ShadowLoad {

    /** Rows per JDBC batch when the end state is written. */
    private static final int ROWS_PER_BATCH_MAX = 2_000;

    private final JournalStore store;
    private final BatchPoster poster;
    private final Clock clock;
    private final long checkpointInterval;
    private final Map<String, OrderState> orders = new HashMap<>();
    private final Set<String> processed = new HashSet<>();
    private final Map<String, ChainHead> heads = new HashMap<>();
    private final Map<String, JournalStore.ChainRow> chains = new HashMap<>();
    /** Per chain, per "account\tcurrency": debit and credit minor units. */
    private final Map<String, Map<String, long[]>> balances = new HashMap<>();
    private final List<JournalEntry> pendingEntries = new ArrayList<>();
    private final List<LedgerEvent> pendingApplied = new ArrayList<>();
    private Instant batchNow;

    ShadowLoad(JournalStore store, BatchPoster poster, Clock clock, long checkpointInterval) {
        this.store = store;
        this.poster = poster;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
    }

    /**
     * Applies one event (a repeated event id changes nothing) and seals what it releases; answers
     * the number of entries. An event the ledger cannot hold throws before anything changed.
     *
     * @throws UnpostableEventException with the working set as it was
     */
    public int apply(LedgerEvent event) {
        if (batchNow == null) {
            batchNow = recordedNow();
        }
        if (processed.contains(event.eventId())) {
            return 0;
        }
        OrderState state = orders.get(event.orderId());
        boolean fresh = state == null;
        if (fresh) {
            state = new OrderState(event.orderId());
        }
        // The engine refuses an event before it changes the state, so a refusal leaves nothing behind.
        List<EntryDraft> drafts = poster.engine().apply(state, event);
        if (fresh) {
            orders.put(state.orderId, state);
        }
        processed.add(event.eventId());
        pendingApplied.add(event);
        int before = pendingEntries.size();
        poster.seal(drafts, heads, batchNow, pendingEntries);
        return pendingEntries.size() - before;
    }

    /** Lets every wait due by now time out, the most overdue order first; answers the entries. */
    public int expireDue() {
        Instant now = clock.instant();
        if (batchNow == null) {
            batchNow = recordedNow();
        }
        List<OrderState> due = new ArrayList<>();
        Map<OrderState, Instant> deadlines = new HashMap<>();
        for (OrderState s : orders.values()) {
            Instant deadline = poster.engine().deadline(s);
            if (deadline != null && !deadline.isAfter(now)) {
                due.add(s);
                deadlines.put(s, deadline);
            }
        }
        due.sort(Comparator.comparing(deadlines::get));
        int before = pendingEntries.size();
        for (OrderState s : due) {
            poster.seal(poster.engine().expire(s, now), heads, batchNow, pendingEntries);
        }
        return pendingEntries.size() - before;
    }

    /**
     * Appends the entries, postings and processed ids applied since the last flush, and the
     * checkpoints now due, in the caller's transaction.
     */
    public void flush(Connection c) throws SQLException {
        store.insertEntries(c, pendingEntries);
        store.insertPostings(c, pendingEntries);
        store.insertProcessed(c, pendingApplied);
        Set<String> changed = new HashSet<>();
        for (JournalEntry e : pendingEntries) {
            addToBalances(e);
            advanceChain(e);
            changed.add(e.chainId());
        }
        for (String chainId : changed) {
            JournalStore.ChainRow row = chains.get(chainId);
            if (row.head().seq() - row.checkpointSeq() >= checkpointInterval) {
                writeCheckpoint(c, row);
                chains.put(chainId, new JournalStore.ChainRow(row.head(), row.maxBusinessUs(),
                        row.maxRecordedUs(), row.head().seq(), JournalStore.ChainRow.NO_ENTRY,
                        JournalStore.ChainRow.NO_ENTRY));
            }
        }
        pendingEntries.clear();
        pendingApplied.clear();
        batchNow = null;
    }

    /** Writes the end state once: every order, running balance and chain row. Flush first. */
    public void finish(Connection c) throws SQLException {
        if (!pendingEntries.isEmpty() || !pendingApplied.isEmpty()) {
            throw new IllegalStateException("finish before the last flush");
        }
        writeOrders(c);
        writeBalances(c);
        writeChains(c);
    }

    public int orders() {
        return orders.size();
    }

    /** Entries sealed since the last flush (tests compare them with a batch's). */
    List<JournalEntry> pending() {
        return List.copyOf(pendingEntries);
    }

    /** The recording time of a batch: now to the microsecond, as {@link BatchPoster} records it. */
    private Instant recordedNow() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void addToBalances(JournalEntry e) {
        Map<String, long[]> chain = balances.computeIfAbsent(e.chainId(), k -> new LinkedHashMap<>());
        for (Posting p : e.draft().postings()) {
            long[] d = chain.computeIfAbsent(p.account() + "\t" + p.currency(), k -> new long[2]);
            d[p.side() == Side.DEBIT ? 0 : 1] += p.amountMinor();
        }
    }

    /**
     * The same running maxima and tail minima {@code JournalStore} keeps per stored batch; the head
     * is the chain's latest sealed one (every pending entry is sealed when a flush runs).
     */
    private void advanceChain(JournalEntry e) {
        JournalStore.ChainRow before = chains.get(e.chainId());
        long business = EntryHasher.micros(e.draft().businessTime());
        long recorded = EntryHasher.micros(e.recordedTime());
        ChainHead head = heads.get(e.chainId());
        chains.put(e.chainId(), before == null
                ? new JournalStore.ChainRow(head, business, recorded, 0, business, recorded)
                : new JournalStore.ChainRow(head, Math.max(before.maxBusinessUs(), business),
                        Math.max(before.maxRecordedUs(), recorded), before.checkpointSeq(),
                        Math.min(before.tailMinBusinessUs(), business),
                        Math.min(before.tailMinRecordedUs(), recorded)));
    }

    private void writeCheckpoint(Connection c, JournalStore.ChainRow row) throws SQLException {
        try (PreparedStatement ps = store.prepare(c, "INSERT INTO ledger_checkpoint (chain_id, seq,"
                + " max_business_us, max_recorded_us, from_seq, min_business_us, min_recorded_us)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.head().chainId());
            ps.setLong(2, row.head().seq());
            ps.setLong(3, row.maxBusinessUs());
            ps.setLong(4, row.maxRecordedUs());
            ps.setLong(5, row.checkpointSeq());
            ps.setLong(6, row.tailMinBusinessUs());
            ps.setLong(7, row.tailMinRecordedUs());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = store.prepare(c, "INSERT INTO ledger_checkpoint_balance (chain_id, seq,"
                + " account, currency, debit_minor, credit_minor) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, long[]> b : balances.get(row.head().chainId()).entrySet()) {
                String[] key = b.getKey().split("\t", 2);
                ps.setString(1, row.head().chainId());
                ps.setLong(2, row.head().seq());
                ps.setString(3, key[0]);
                ps.setString(4, key[1]);
                ps.setLong(5, b.getValue()[0]);
                ps.setLong(6, b.getValue()[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeOrders(Connection c) throws SQLException {
        try (PreparedStatement ps = store.prepare(c, "INSERT INTO ledger_order (status, currency, gross_minor,"
                + " due_minor, paid_minor, parked, suspended, anomalies, deadline_us, deadline_chain, state,"
                + " version, order_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int rows = 0;
            for (OrderState s : orders.values()) {
                store.bindOrder(ps, s, poster.engine());
                ps.setLong(12, 0);
                ps.setString(13, s.orderId);
                ps.addBatch();
                if (++rows % ROWS_PER_BATCH_MAX == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void writeBalances(Connection c) throws SQLException {
        try (PreparedStatement ps = store.prepare(c, "INSERT INTO ledger_balance (chain_id, account, currency,"
                + " debit_minor, credit_minor) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Map<String, long[]>> chain : balances.entrySet()) {
                for (Map.Entry<String, long[]> b : chain.getValue().entrySet()) {
                    String[] key = b.getKey().split("\t", 2);
                    ps.setString(1, chain.getKey());
                    ps.setString(2, key[0]);
                    ps.setString(3, key[1]);
                    ps.setLong(4, b.getValue()[0]);
                    ps.setLong(5, b.getValue()[1]);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void writeChains(Connection c) throws SQLException {
        try (PreparedStatement ps = store.prepare(c, "INSERT INTO ledger_chain (last_seq, last_hash,"
                + " max_business_us, max_recorded_us, checkpoint_seq, tail_min_business_us,"
                + " tail_min_recorded_us, chain_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (JournalStore.ChainRow row : chains.values()) {
                ps.setLong(1, row.head().seq());
                ps.setString(2, EntryHasher.hex(row.head().hash()));
                ps.setLong(3, row.maxBusinessUs());
                ps.setLong(4, row.maxRecordedUs());
                ps.setLong(5, row.checkpointSeq());
                ps.setLong(6, row.tailMinBusinessUs());
                ps.setLong(7, row.tailMinRecordedUs());
                ps.setString(8, row.head().chainId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
