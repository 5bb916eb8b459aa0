package io.tollgate.ledger.component;

import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.journal.ConcurrentWriteException;
import io.tollgate.ledger.journal.LedgerClock;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Histories;
import io.tollgate.ledger.testing.InMemoryLedger;
import io.tollgate.ledger.testing.OwnLedger;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two ledger writers on one database, as two instances (or a zombie owner and the new one after a
 * rebalance) run them: the injected writer and a second stack built on the same database. A stale
 * writer fails with a transient conflict and its retry keeps the other's work; expiry touches only
 * the chains a batch owns; two writers racing over the same records post each event once.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(OwnLedger.class)
class TwoWritersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LedgerWriter first;
    @Inject
    Databases databases;
    @Inject
    LedgerClock clock;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    ChainVerifier verifier;
    @Inject
    BalanceQueries balances;
    @ConfigProperty(name = "tollgate.ledger.park-timeout")
    Duration parkTimeout;
    @ConfigProperty(name = "tollgate.ledger.checkpoint-interval")
    long checkpointInterval;

    private LedgerWriter second;

    @BeforeEach
    void secondInstance() {
        second = new LedgerWriter(databases, clock, transactions, new SimpleMeterRegistry(), parkTimeout,
                checkpointInterval);
        QuarkusTransaction.requiringNew().run(first::wipe);
    }

    @AfterEach
    void realClock() {
        clock.use(Clock.systemUTC());
    }

    @Test
    void staleOrderWriteFailsAsAConflictAndItsRetryKeepsTheOtherWritersWork() throws Exception {
        // given an order known to both
        String order = "order-" + UUID.randomUUID();
        post(first, on(requested(order, "c1", "1000.00", "USD"), Topics.ORDERS.name(), 0));
        // when the first writer loads a payment while the second posts the grant and commits first
        LedgerEvent payment = on(paid(order, "a1", "250.00", "USD"), Topics.ORDERS.name(), 0);
        Throwable stale = raceOver(first, List.of(payment), second,
                List.of(on(granted(order, "a1"), Topics.AUTHORIZATIONS.name(), 0)));
        // then the stale writer failed with a transient conflict instead of overwriting the grant
        assertThat(Causes.find(stale, ConcurrentWriteException.class)).isPresent();
        // and its retry posts on top of the winner's state: grant and payment both count
        post(first, payment);
        assertThat(balance("liability:revenue-share:us-treasury")).isZero();
        assertThat(balance("receivable:customer:c1")).isEqualTo(100_000);
        assertThat(verifier.verify().ok()).isTrue();
    }

    @Test
    void zombieWriterOfAChainFailsInsteadOfForkingIt() throws Exception {
        // given the same chain written by two writers (the old owner has not noticed the rebalance)
        LedgerEvent stale = grantedOrder("order-" + UUID.randomUUID()).get(1);
        List<LedgerEvent> fresh = grantedOrder("order-" + UUID.randomUUID());
        post(first, grantedOrder(stale.orderId()).get(0));
        // when
        Throwable failure = raceOver(first, List.of(stale), second, fresh);
        // then
        assertThat(Causes.find(failure, ConcurrentWriteException.class)).isPresent();
        post(first, stale);
        assertThat(verifier.verify().ok()).as(verifier.verify().toString()).isTrue();
    }

    @Test
    void expiryTouchesOnlyTheChainsOfTheBatch() {
        // given payments waiting on two partitions of the orders topic
        clock.use(Clock.fixed(Events.T0, ZoneOffset.UTC));
        String onZero = "order-" + UUID.randomUUID();
        String onOne = "order-" + UUID.randomUUID();
        post(first, on(paid(onZero, "a1", "1.00", "USD"), Topics.ORDERS.name(), 0, Events.T0));
        post(second, on(paid(onOne, "a1", "1.00", "USD"), Topics.ORDERS.name(), 1, Events.T0));
        // when the timeout has passed and the owner of partition 0 posts a batch of its partition
        clock.use(Clock.fixed(Events.T0.plus(parkTimeout).plusSeconds(1), ZoneOffset.UTC));
        LedgerEvent next = on(requested("order-" + UUID.randomUUID(), "c2", "1.00", "USD"), Topics.ORDERS.name(), 0);
        QuarkusTransaction.requiringNew().call(() -> first.post(List.of(next), LedgerWriter.Expiry.ofChainsOf(
                List.of(next))));
        // then only the payment on partition 0 timed out into suspense
        assertThat(balance("suspense:unknown-order")).isEqualTo(100);
        // and the owner of partition 1 times out its own with its next batch
        LedgerEvent other = on(requested("order-" + UUID.randomUUID(), "c3", "1.00", "USD"), Topics.ORDERS.name(), 1);
        QuarkusTransaction.requiringNew().call(() -> second.post(List.of(other), LedgerWriter.Expiry.ofChainsOf(
                List.of(other))));
        assertThat(balance("suspense:unknown-order")).isEqualTo(200);
    }

    @Test
    void twoWritersRacingOverTheSameRecordsPostEachEventOnce() throws Exception {
        // given partition logs, consumed by both writers at once (a zombie and the new owner)
        Random random = new Random(17);
        List<Histories.OrderSpec> specs = Histories.orders().list().ofSize(30).sample();
        List<LedgerEvent> events = Histories.interleave(Histories.partitionLogs(specs, 5, 50), 9);
        List<List<LedgerEvent>> batches = new ArrayList<>();
        for (int i = 0; i < events.size(); ) {
            int size = 1 + random.nextInt(6);
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
            i += size;
        }
        InMemoryLedger reference = InMemoryLedger.withoutTimeouts();
        // when both post every batch, in order, retrying a batch that lost a race
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> consumeAll(first, batches));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> consumeAll(second, batches));
        a.get(2, TimeUnit.MINUTES);
        b.get(2, TimeUnit.MINUTES);
        events.forEach(e -> reference.post(List.of(e), Events.T0, false));
        // then the journal holds what one writer alone would have posted
        assertThat(balances.fromJournal().lines()).isEqualTo(reference.balances().lines());
        assertThat(balances.current().lines()).isEqualTo(reference.balances().lines());
        assertThat(verifier.verify().ok()).as(verifier.verify().toString()).isTrue();
    }

    /** Posts every batch in order; a lost race (transient) is retried, as the consumer loop does. */
    private static void consumeAll(LedgerWriter writer, List<List<LedgerEvent>> batches) {
        for (List<LedgerEvent> batch : batches) {
            for (int attempt = 1; ; attempt++) {
                try {
                    QuarkusTransaction.requiringNew().call(() -> writer.post(batch, LedgerWriter.Expiry.NONE));
                    break;
                } catch (RuntimeException e) {
                    if (Causes.find(e, java.sql.SQLTransientException.class).isEmpty() || attempt >= 50) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The loser loads its batch, the winner posts and commits, then the loser stores: returns what
     * the loser's store threw (the test fails if it did not throw).
     */
    private static Throwable raceOver(LedgerWriter loser, List<LedgerEvent> stale, LedgerWriter winner,
                                      List<LedgerEvent> fresh) throws Exception {
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch won = new CountDownLatch(1);
        CompletableFuture<Integer> late = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew()
                .call(() -> {
                    LedgerWriter.Prepared prepared = loser.prepare(stale, LedgerWriter.Expiry.NONE);
                    loaded.countDown();
                    assertThat(won.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                    return loser.store(prepared);
                }));
        assertThat(loaded.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        post(winner, fresh.toArray(LedgerEvent[]::new));
        won.countDown();
        try {
            late.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stale writer stored its batch over the other writer's");
    }

    private static List<LedgerEvent> grantedOrder(String order) {
        return List.of(on(requested(order, "c-" + order, "10.00", "USD"), Topics.ORDERS.name(), 3),
                on(granted(order, "a-" + order), Topics.AUTHORIZATIONS.name(), 3));
    }

    private static void post(LedgerWriter writer, LedgerEvent... events) {
        QuarkusTransaction.requiringNew().call(() -> writer.post(List.of(events), LedgerWriter.Expiry.NONE));
    }

    private long balance(String account) {
        return balances.fromJournal().line(account, "USD").balanceMinor();
    }

    private static LedgerEvent on(WireEvent event, String topic, int partition) {
        return on(event, topic, partition, Events.T0);
    }

    private static long offsets;

    private static synchronized LedgerEvent on(WireEvent event, String topic, int partition, Instant recordTime) {
        return new LedgerEvent(new SourceRef(UUID.randomUUID().toString(), topic, partition, offsets++, recordTime),
                event);
    }
}
