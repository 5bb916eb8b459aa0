package io.tollgate.ledger.component;

import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Envelope;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.balance.BalanceQueries;
import io.tollgate.ledger.journal.LedgerClock;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import io.tollgate.ledger.testing.OwnLedger;
import io.tollgate.ledger.testing.Rebuilds;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Two ledger instances on one PostgreSQL database: this application rebuilds while a second
 * instance (a writer of its own on the same database, posting what it publishes, as its consumer
 * would) keeps posting and answering. PostgreSQL only: an H2 database belongs to one process.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(OwnLedger.class)
class RebuildBesideAnotherInstanceTest {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int RETRIES_MAX = 100;

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
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void otherInstancePostsAndAnswersThroughARebuildAndBothSeeTheNewGeneration() throws Exception {
        assumeTrue(databases.isPostgres(), "two instances share a PostgreSQL database only");
        // given a second instance on the same database, posting orders it publishes
        LedgerWriter other = new LedgerWriter(databases, clock, transactions, new SimpleMeterRegistry(),
                parkTimeout, checkpointInterval);
        long generation = generation();
        List<String> orders = new ArrayList<>();
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        AtomicInteger postedWhileRebuilding = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 20; i++) {
                orders.add(publishAndPost(producer, other));
            }
            // when this instance rebuilds while the other posts and reads
            CompletableFuture<Void> posting = CompletableFuture.runAsync(() -> {
                while (rebuilding.get()) {
                    orders.add(publishAndPost(producer, other));
                    postedWhileRebuilding.incrementAndGet();
                    assertThat(balances.current().trialBalance().values()).allMatch(sum -> sum == 0);
                    reads.incrementAndGet();
                }
            });
            JsonPath job;
            try {
                job = Rebuilds.rebuild(WAIT);
            } finally {
                rebuilding.set(false);
                posting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            // and the other instance posts on after the swap
            for (int i = 0; i < 5; i++) {
                orders.add(publishAndPost(producer, other));
            }
            // then the rebuild swapped in a new generation while the other instance worked
            assertThat(job.getLong("outcome.generation")).isEqualTo(generation + 1);
            assertThat(generation()).isEqualTo(generation + 1);
            assertThat(postedWhileRebuilding.get()).isPositive();
            assertThat(reads.get()).isPositive();
        }
        // and every order the other instance posted, before, during and after the swap, is in it once
        for (String order : orders) {
            assertThat(count("SELECT COUNT(*) FROM ledger_entry WHERE order_id = '" + order + "'"))
                    .as(order).isEqualTo(1);
        }
        assertThat(verifier.verify().ok()).as(verifier.verify().toString()).isTrue();
        assertThat(balances.current().lines()).isEqualTo(balances.fromJournal().lines());
    }

    /** Publishes an order's request and grant, then posts them as the other instance's consumer would. */
    private static String publishAndPost(KafkaProducer<String, byte[]> producer, LedgerWriter other) {
        String order = "order-" + UUID.randomUUID();
        List<LedgerEvent> batch = new ArrayList<>();
        for (WireEvent event : List.of(requested(order, "cust-" + order, "10.00", "USD"),
                granted(order, "a-" + order))) {
            batch.add(publish(producer, order, event));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().call(() -> other.post(batch, LedgerWriter.Expiry.NONE));
                return order;
            } catch (RuntimeException e) {
                // A batch that met the swap's lock or lost a race is retried, as the consumer loop does.
                if (Causes.find(e, SQLTransientException.class).isEmpty() || attempt >= RETRIES_MAX) {
                    throw e;
                }
            }
        }
    }

    private static LedgerEvent publish(KafkaProducer<String, byte[]> producer, String order, WireEvent event) {
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event), event);
        String topic = EventTypes.topicOf(event).name();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(topic, headers, envelope);
        TestSigning.signerFor(envelope.source()).sign(headers, value);
        try {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, null, order, value, headers))
                    .get(30, TimeUnit.SECONDS);
            return new LedgerEvent(new SourceRef(envelope.id(), topic, sent.partition(), sent.offset(),
                    Instant.ofEpochMilli(sent.timestamp())), event);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + envelope.id(), e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    private long generation() throws Exception {
        return count("SELECT generation FROM ledger_generation WHERE id = 1");
    }

    private long count(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
