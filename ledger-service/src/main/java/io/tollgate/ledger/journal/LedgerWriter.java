package io.tollgate.ledger.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.eventing.db.AfterCommit;
import io.tollgate.eventing.db.Databases;
import io.tollgate.ledger.posting.Accounts;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.LedgerLimits;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.PostingEngine;
import io.tollgate.ledger.posting.Side;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts batches into the journal inside the caller's JTA transaction. One writer per process holds
 * the write permit, so the live consumer and a rebuild never write at the same time.
 */
@ApplicationScoped
public class LedgerWriter {

    /** Orders whose waiting payments are expired per batch; the rest follow in the next batches. */
    static final int DUE_ORDERS_PER_BATCH_MAX = 500;
    /** SQLState of a unique-key violation (H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's lock_timeout: the generation lock stayed taken by a swap (transient). */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final Databases databases;
    private final BatchPoster poster;
    private final JournalStore store;
    private final JournalStore shadow;
    private final long checkpointInterval;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry meters;
    private final Semaphore writePermit = new Semaphore(1, true);
    private final Counter entriesPosted;
    private final DistributionSummary batchSize;
    private final Timer batchCommit;
    private final Counter anomalies;

    @Inject
    public LedgerWriter(Databases databases, LedgerClock clock, TransactionSynchronizationRegistry transactions,
                        MeterRegistry meters,
                        @ConfigProperty(name = "tollgate.ledger.park-timeout") Duration parkTimeout,
                        @ConfigProperty(name = "tollgate.ledger.checkpoint-interval") long checkpointInterval) {
        this.databases = databases;
        this.poster = new BatchPoster(new PostingEngine(parkTimeout));
        this.store = new JournalStore(checkpointInterval);
        this.shadow = new JournalStore(checkpointInterval, JournalStore.SHADOW);
        this.checkpointInterval = checkpointInterval;
        this.clock = clock.clock();
        this.transactions = transactions;
        this.meters = meters;
        this.entriesPosted = Counter.builder("tollgate.ledger.entries.posted")
                .description("Journal entries posted").register(meters);
        this.batchSize = DistributionSummary.builder("tollgate.ledger.batch.size")
                .description("Events per posted batch").register(meters);
        this.batchCommit = Timer.builder("tollgate.ledger.batch.commit")
                .description("From the start of posting a batch to its database commit").register(meters);
        this.anomalies = Counter.builder("tollgate.ledger.anomalies")
                .description("Events that contradict or repeat what the ledger already holds for their order"
                        + " (a decision after the first, a second request or cancellation)").register(meters);
    }

    /** Takes the write permit, waiting at most {@code waitMs}; false if a rebuild holds it longer. */
    public boolean acquire(long waitMs) {
        try {
            return writePermit.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void release() {
        writePermit.release();
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Which due waits a batch lets time out: none, those whose timeout entry goes to one of
     * {@code chains} (the partitions this instance owns), or all (a rebuild, which runs alone).
     */
    public record Expiry(boolean any, Set<String> chains) {

        public static final Expiry NONE = new Expiry(false, Set.of());
        public static final Expiry ALL = new Expiry(true, null);

        /** The chains the events come from: partitions the consumer group gave this instance. */
        public static Expiry ofChainsOf(List<LedgerEvent> events) {
            Set<String> chains = new HashSet<>();
            events.forEach(e -> chains.add(e.source().chainId()));
            return new Expiry(true, Set.copyOf(chains));
        }
    }

    /**
     * Posts one batch in the active transaction: checks every event against the ledger's limits,
     * skips processed events, applies the rest, expires due waits within {@code expiry}, and stores
     * everything. Returns the number of entries posted. Nothing is kept in memory between batches,
     * so a batch that rolls back (or is split and posted again in parts) leaves nothing behind.
     *
     * @throws io.tollgate.ledger.posting.UnpostableEventException before anything is written, for an
     *     event beyond a limit
     * @throws IllegalStateException caused by {@link ConcurrentWriteException} when another writer
     *     changed an order or chain this batch read (transient: retry the batch)
     */
    public int post(List<LedgerEvent> events, Expiry expiry) {
        return store(prepare(events, expiry));
    }

    /**
     * A rebuild's in-memory working set over the shadow generation, which it must find empty: the
     * same rules and checks as {@link #post}, without reading the shadow back between batches (the
     * rebuild lock keeps every other writer out of the shadow tables).
     */
    public ShadowLoad shadowLoad() {
        return new ShadowLoad(shadow, new BatchPoster(poster.engine()), clock, checkpointInterval);
    }

    /**
     * A batch loaded and applied in memory, not yet stored. {@link #store} must run in the same
     * transaction; another writer's commit in between makes it fail (the optimistic check).
     */
    public static final class Prepared {
        private final BatchPoster.Outcome outcome;
        private final Map<String, OrderState> orders;
        private final Map<String, Long> versions;
        private final Map<String, JournalStore.ChainRow> chains;
        private final int events;
        private final long startedNanos;

        private Prepared(BatchPoster.Outcome outcome, Map<String, OrderState> orders, Map<String, Long> versions,
                         Map<String, JournalStore.ChainRow> chains, int events, long startedNanos) {
            this.outcome = outcome;
            this.orders = orders;
            this.versions = versions;
            this.chains = chains;
            this.events = events;
            this.startedNanos = startedNanos;
        }
    }

    /** The first half of {@link #post}: checks limits, loads the working set and applies the batch. */
    public Prepared prepare(List<LedgerEvent> events, Expiry expiry) {
        return prepare(store, events, expiry, true);
    }

    private Prepared prepare(JournalStore target, List<LedgerEvent> events, Expiry expiry, boolean live) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        events.forEach(LedgerLimits::check);
        try (Connection c = databases.dataSource().getConnection()) {
            if (live) {
                Generations.holdShared(c, databases.isPostgres());
            }
            List<String> eventIds = events.stream().map(LedgerEvent::eventId).toList();
            Set<String> processed = target.processedAmong(c, eventIds);
            List<String> due = expiry.any()
                    ? target.dueOrders(c, now, DUE_ORDERS_PER_BATCH_MAX, expiry.chains()) : List.of();
            Set<String> orderIds = new HashSet<>(due);
            events.forEach(e -> orderIds.add(e.orderId()));
            Map<String, Long> versions = new HashMap<>();
            Map<String, OrderState> orders = target.loadOrders(c, orderIds, versions);
            Map<String, JournalStore.ChainRow> chains = target.loadChains(c);
            Map<String, ChainHead> heads = new HashMap<>();
            chains.forEach((id, row) -> heads.put(id, row.head()));
            BatchPoster.Outcome outcome = poster.post(events, orders, processed, heads, now, due);
            return new Prepared(outcome, orders, versions, chains, events.size(), started);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load a batch of " + events.size() + " events: "
                    + e.getMessage(), asConflictIfRace(e));
        }
    }

    /** The second half of {@link #post}: stores a prepared batch; returns the number of entries. */
    public int store(Prepared p) {
        try (Connection c = databases.dataSource().getConnection()) {
            store.store(c, p.outcome, p.orders, p.versions, p.chains, poster.engine());
            afterCommit(p.outcome, p.events, p.startedNanos);
            return p.outcome.entries().size();
        } catch (SQLException e) {
            throw new IllegalStateException("could not post a batch of " + p.events + " events: "
                    + e.getMessage(), asConflictIfRace(e));
        }
    }

    /**
     * Every unique key the store writes (entry id, chain and seq, order id, event id) is taken only
     * by a second writer of the same data, so a unique violation is a lost race like a stale version;
     * so is a deadlock or serialization failure (SQLState class 40), which PostgreSQL's driver
     * reports as a plain SQLException, and a generation lock a swap held past the lock timeout.
     */
    static SQLException asConflictIfRace(SQLException e) {
        String state = e.getSQLState();
        boolean race = UNIQUE_VIOLATION.equals(state) || LOCK_NOT_AVAILABLE.equals(state)
                || state != null && state.startsWith("40");
        if (e instanceof ConcurrentWriteException || !race) {
            return e;
        }
        return new ConcurrentWriteException("another writer got there first: " + e.getMessage(), e);
    }

    /**
     * Deletes every row of the live generation, in the active transaction. Nothing in the service
     * calls it (a rebuild swaps a shadow in instead); tests on a database of their own start from
     * an empty journal with it.
     */
    public void wipe() {
        try (Connection c = databases.dataSource().getConnection()) {
            store.wipe(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not wipe the journal", e);
        }
    }

    /** Deletes the shadow generation (an abandoned or finished rebuild's), in the active transaction. */
    public void wipeShadow() {
        try (Connection c = databases.dataSource().getConnection()) {
            shadow.wipe(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not wipe the shadow generation", e);
        }
    }

    public boolean isEmpty() {
        try (Connection c = databases.dataSource().getConnection()) {
            return store.isEmpty(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the journal", e);
        }
    }

    /** Metrics count only what was committed. */
    private void afterCommit(BatchPoster.Outcome outcome, int events, long startedNanos) {
        Map<String, Integer> suspense = new HashMap<>();
        for (JournalEntry e : outcome.entries()) {
            for (Posting p : e.draft().postings()) {
                if (p.side() == Side.DEBIT && Accounts.isSuspense(p.account())) {
                    suspense.merge(p.account().substring(Accounts.SUSPENSE_PREFIX.length()), 1, Integer::sum);
                }
            }
        }
        int entries = outcome.entries().size();
        long anomalous = outcome.anomalies();
        // Counted once the batch is committed: a rolled-back batch counts nothing.
        AfterCommit.register(transactions, () -> {
            entriesPosted.increment(entries);
            anomalies.increment(anomalous);
            batchSize.record(events);
            batchCommit.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            suspense.forEach((reason, n) -> Counter.builder("tollgate.ledger.suspense.postings")
                    .description("Postings to a suspense account, by reason").tag("reason", reason)
                    .register(meters).increment(n));
        });
    }
}
