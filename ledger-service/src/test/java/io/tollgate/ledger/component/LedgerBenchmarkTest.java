package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.RecordDecoder;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.kafka.LedgerConsumer;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Rebuilds;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: a measurement. Publishes {@code ledger.bench.events} generated, signed events
 * (request, grant, payment per order), then reports in one run the live consumer's events/s, a
 * rebuild's events/s (its replay, and the whole job to the swap) with the time of each of its
 * phases, and three plain consumers' records/s over the same topics: bare, decoding (the
 * contract's {@code EnvelopeCodec.decode}) and decoding with the signature checks every consumer
 * of the ledger makes ({@link RecordDecoder}). Run (see docs/benchmarks.md):
 * {@code ./mvnw -B -pl ledger-service verify -Dgroups=benchmark -Dledger.excluded.groups= -Dledger.bench.events=300000}
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@Tag("benchmark")
class LedgerBenchmarkTest {

    private static final Logger LOG = Logger.getLogger(LedgerBenchmarkTest.class);

    @Inject
    Databases databases;
    @Inject
    RecordDecoder decoder;

    @Test
    void postsRebuildsAndReadsTheTopics() throws Exception {
        int events = Integer.getInteger("ledger.bench.events", 1_000_000);
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long liveStart = System.nanoTime();
        long produced = produce(bootstrap, events);
        long producedAt = System.nanoTime();
        double produceSeconds = (producedAt - liveStart) / 1e9;
        // What the live loop had not posted when the producer stopped: drained with the cores to itself.
        long backlog = produced - processed();
        await().atMost(Duration.ofHours(2)).pollInterval(Duration.ofMillis(250)).until(() -> processed() >= produced);
        long postedAt = System.nanoTime();
        double liveSeconds = (postedAt - liveStart) / 1e9;
        double drain = backlog / ((postedAt - producedAt) / 1e9);
        String liveDigest = asTester().get("/api/v1/balances").jsonPath().getString("digest");

        // The job's own start, end and phase times are measured; asking for its state every 2 s
        // (not every 100 ms, each call with a password check) leaves the cores to the rebuild.
        JsonPath job = Rebuilds.rebuild(Duration.ofHours(2), Duration.ofSeconds(2));
        double jobSeconds = Duration.between(Instant.parse(job.getString("startedAt")),
                Instant.parse(job.getString("finishedAt"))).toMillis() / 1e3;
        JsonPath rebuilt = job.setRootPath("outcome");
        double rebuildSeconds = rebuilt.getLong("replay.millis") / 1e3;
        assertThat(rebuilt.getString("digest")).isEqualTo(liveDigest);
        long replayed = rebuilt.getLong("replay.records");

        // The consumers after the rebuild, so that none of them runs on colder code than it did.
        Rate bare = read(bootstrap, r -> { });
        Rate decoding = read(bootstrap, r -> EnvelopeCodec.decode(r.topic(), r.headers(), r.value()));
        Rate verifying = read(bootstrap, r -> decoder.decode(r, LedgerConsumer.ACCEPTS));
        assertThat(bare.records()).isEqualTo(produced);
        assertThat(decoding.records()).isEqualTo(produced);
        assertThat(verifying.records()).isEqualTo(produced);

        double live = produced / liveSeconds;
        double rebuild = replayed / rebuildSeconds;
        String report = String.format("%n| db | events | produce ev/s | live ev/s | live backlog drained ev/s"
                        + " | rebuild ev/s | whole job ev/s"
                        + " | bare consumer rec/s | decoding consumer rec/s | decoding+verifying consumer rec/s |%n"
                        + "| %s | %d | %.0f | %.0f | %.0f (%d events) | %.0f | %.0f | %.0f | %.0f | %.0f |%n"
                        + "ratios to the decoding consumer: rebuild %.3f, live %.3f, live drain %.3f; to the"
                        + " decoding+verifying consumer: rebuild %.3f, live %.3f, live drain %.3f; to the bare"
                        + " consumer: rebuild %.4f%n"
                        + "replay phases ms: %s; swap ms %d, swap phases ms: %s%n",
                databases.kind(), produced, produced / produceSeconds, live, drain, backlog, rebuild,
                replayed / jobSeconds, bare.perSecond(),
                decoding.perSecond(), verifying.perSecond(), rebuild / decoding.perSecond(),
                live / decoding.perSecond(), drain / decoding.perSecond(), rebuild / verifying.perSecond(),
                live / verifying.perSecond(), drain / verifying.perSecond(),
                rebuild / bare.perSecond(), rebuilt.getMap("replay.phases"), rebuilt.getLong("swapMillis"),
                rebuilt.getMap("swapPhases"));
        LOG.info("BENCHMARK" + report);
        System.out.println("BENCHMARK" + report);
    }

    /** Records read, and per second of wall time. */
    private record Rate(long records, double perSecond) {
    }

    private interface RecordWork {
        void on(ConsumerRecord<String, byte[]> record);
    }

    private long processed() throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ledger_processed_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Request, grant and one payment per order, published asynchronously in batches. */
    private static long produce(String bootstrap, int events) throws Exception {
        long sent = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 131072), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (int i = 0; sent < events; i++) {
                String order = "bench-" + i;
                String auth = "auth-" + i;
                List<WireEvent> history = List.of(
                        Events.requested(order, "cust-" + (i % 1000), (100 + i % 900) + ".25", "USD"),
                        Events.granted(order, auth),
                        Events.paid(order, auth, "10.00", "USD"));
                for (WireEvent e : history) {
                    Envelope envelope = Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(e), e);
                    String topic = EventTypes.topicOf(e).name();
                    RecordHeaders headers = new RecordHeaders();
                    byte[] value = EnvelopeCodec.encode(topic, headers, envelope);
                    TestSigning.signerFor(envelope.source()).sign(headers, value);
                    pending.add(producer.send(new ProducerRecord<>(topic, null, order, value, headers)));
                    sent++;
                }
                if (pending.size() >= 10_000) {
                    for (Future<RecordMetadata> f : pending) {
                        f.get();
                    }
                    pending.clear();
                }
            }
            for (Future<RecordMetadata> f : pending) {
                f.get();
            }
        }
        return sent;
    }

    /**
     * A plain consumer reading both topics from the beginning to their end offsets on one thread,
     * doing {@code work} on each record, as fast as it can.
     */
    private static Rate read(String bootstrap, RecordWork work) {
        long n = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topics.Topic t : Topics.EVENT_TOPICS) {
                for (PartitionInfo p : consumer.partitionsFor(t.name())) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            while (n < total) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    work.on(r);
                    n++;
                }
            }
        }
        return new Rate(n, n / ((System.nanoTime() - started) / 1e9));
    }

    /** Every role: these tests are about the ledger's behaviour, LedgerAccessTest about who may call it. */
    private static RequestSpecification asTester() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }
}
