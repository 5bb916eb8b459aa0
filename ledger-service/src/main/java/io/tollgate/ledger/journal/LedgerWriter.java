package io.tollgate.ledger.journal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.eventing.db.Databases;
import io.tollgate.ledger.posting.Accounts;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.OrderState;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.PostingEngine;
import io.tollgate.ledger.posting.Side;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    private final Databases databases;
    private final BatchPoster poster;
    private final JournalStore store;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final MeterRegistry meters;
    private final Semaphore writePermit = new Semaphore(1, true);
    private final Counter entriesPosted;
    private final DistributionSummary batchSize;
    private final Timer batchCommit;

    @Inject
    public LedgerWriter(Databases databases, LedgerClock clock, TransactionSynchronizationRegistry transactions,
                        MeterRegistry meters,
                        @ConfigProperty(name = "tollgate.ledger.park-timeout") Duration parkTimeout,
                        @ConfigProperty(name = "tollgate.ledger.checkpoint-interval") long checkpointInterval) {
        this.databases = databases;
        this.poster = new BatchPoster(new PostingEngine(parkTimeout));
        this.store = new JournalStore(checkpointInterval);
        this.clock = clock.clock();
        this.transactions = transactions;
        this.meters = meters;
        this.entriesPosted = Counter.builder("tollgate.ledger.entries.posted")
                .description("Journal entries posted").register(meters);
        this.batchSize = DistributionSummary.builder("tollgate.ledger.batch.size")
                .description("Events per posted batch").register(meters);
        this.batchCommit = Timer.builder("tollgate.ledger.batch.commit")
                .description("From the start of posting a batch to its database commit").register(meters);
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
     * Posts one batch in the active transaction: skips processed events, applies the rest, expires due
     * waits when {@code expire}, and stores everything. Returns the number of entries posted.
     */
    public int post(List<LedgerEvent> events, boolean expire) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        try (Connection c = databases.dataSource().getConnection()) {
            List<String> eventIds = events.stream().map(LedgerEvent::eventId).toList();
            Set<String> processed = store.processedAmong(c, eventIds);
            List<String> due = expire ? store.dueOrders(c, now, DUE_ORDERS_PER_BATCH_MAX) : List.of();
            Set<String> orderIds = new HashSet<>(due);
            events.forEach(e -> orderIds.add(e.orderId()));
            Map<String, OrderState> orders = store.loadOrders(c, orderIds);
            Set<String> known = new HashSet<>(orders.keySet());
            Map<String, JournalStore.ChainRow> chains = store.loadChains(c);
            Map<String, ChainHead> heads = new HashMap<>();
            chains.forEach((id, row) -> heads.put(id, row.head()));
            BatchPoster.Outcome outcome = poster.post(events, orders, processed, heads, now, due);
            store.store(c, outcome, orders, known, chains, poster.engine());
            afterCommit(outcome, events.size(), started);
            return outcome.entries().size();
        } catch (SQLException e) {
            throw new IllegalStateException("could not post a batch of " + events.size() + " events: "
                    + e.getMessage(), e);
        }
    }

    public void wipe() {
        try (Connection c = databases.dataSource().getConnection()) {
            store.wipe(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not wipe the journal", e);
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
        List<Runnable> onCommit = new ArrayList<>();
        onCommit.add(() -> {
            entriesPosted.increment(entries);
            batchSize.record(events);
            batchCommit.record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
            suspense.forEach((reason, n) -> Counter.builder("tollgate.ledger.suspense.postings")
                    .description("Postings to a suspense account, by reason").tag("reason", reason)
                    .register(meters).increment(n));
        });
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    onCommit.forEach(Runnable::run);
                }
            }
        });
    }
}
