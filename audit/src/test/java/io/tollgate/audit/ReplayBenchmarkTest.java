package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.figures.Balances;
import io.tollgate.audit.figures.Cut;
import io.tollgate.audit.fixture.HistoryTopics;
import io.tollgate.audit.replay.KafkaSettings;
import io.tollgate.audit.replay.Progress;
import io.tollgate.audit.replay.Replay;
import io.tollgate.audit.rules.Rulebook;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.testkit.KafkaBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The tool's replay (the {@code balances} path: merge by timestamp, decode, rules, balances)
 * beside a plain consumer that reads and decodes the same topics, in one run on one in-process
 * broker. Out of the default build; the command and the figures are in docs/benchmarks.md.
 */
@Tag("benchmark")
class ReplayBenchmarkTest {

    private static final int EVENTS = Integer.getInteger("audit.bench.events", 300_000);
    private static final int ROUNDS = Integer.getInteger("audit.bench.rounds", 3);
    private static final int PARTITIONS = 6;
    private static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    /** One pass: wall-clock records/s, and the JVM's CPU per record (broker threads included). */
    private record Rate(double perSecond, double cpuMicrosPerRecord) {

        @Override
        public String toString() {
            return String.format("%,.0f records/s (%.1f µs CPU per record)", perSecond,
                    cpuMicrosPerRecord);
        }
    }

    @Test
    void theReplayKeepsUpWithAPlainDecodingConsumer() {
        try (KafkaBroker broker = KafkaBroker.start()) {
            // given
            HistoryTopics.create(broker, PARTITIONS);
            long produceStart = System.nanoTime();
            int published = publish(broker.bootstrapServers(), EVENTS / 3);
            double producePerSecond = published / seconds(produceStart);
            Properties settings =
                    KafkaSettings.consumer(broker.bootstrapServers(), null, Map.of());

            // when: alternately, so all see the same machine
            List<Rate> plain = new ArrayList<>();
            List<Rate> inline = new ArrayList<>();
            List<Rate> pipelined = new ArrayList<>();
            String digest = null;
            for (int round = 0; round < ROUNDS; round++) {
                plain.add(plainConsumer(settings, published));
                inline.add(replay(settings, 0, published));
                Balances balances = new Balances(Cut.NOW, null);
                int threads = Replay.defaultDecodeThreads();
                pipelined.add(replay(settings, threads, published, balances));
                digest = balances.digest();
            }

            // then
            System.out.printf("audit replay benchmark: %,d events on %d partitions per topic,"
                    + " produced at %,.0f/s; %d cores, %d decoding threads%n", published,
                    PARTITIONS, producePerSecond, Runtime.getRuntime().availableProcessors(),
                    Replay.defaultDecodeThreads());
            for (int round = 0; round < ROUNDS; round++) {
                System.out.printf("  round %d: plain decoding consumer %s; audit replay decoding"
                        + " inline %s, with decoding threads %s%n", round + 1, plain.get(round),
                        inline.get(round), pipelined.get(round));
            }
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("  best records/s: plain %,.0f, inline %,.0f (%.0f%%), with"
                    + " decoding threads %,.0f (%.0f%%); least CPU per record: plain %.1f µs,"
                    + " inline %.1f µs, with decoding threads %.1f µs; heap used after the run"
                    + " %,d MB; load average %.2f; digest %s%n", best(plain), best(inline),
                    100 * best(inline) / best(plain), best(pipelined),
                    100 * best(pipelined) / best(plain), leastCpu(plain), leastCpu(inline),
                    leastCpu(pipelined), heapUsedMb(), load, digest);
            assertThat(best(pipelined) / best(plain))
                    .as("replay records/s over the plain consumer's").isGreaterThanOrEqualTo(0.5);
        }
    }

    private static Rate replay(Properties settings, int decodeThreads, long expected) {
        return replay(settings, decodeThreads, expected, new Balances(Cut.NOW, null));
    }

    /** What {@code balances} runs, with a fixed number of decoding threads: records/s. */
    private static Rate replay(Properties settings, int decodeThreads, long expected,
                               Balances balances) {
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        Replay.Options options = new Replay.Options(settings, Rulebook.PARK_TIMEOUT_DEFAULT,
                Duration.ofSeconds(60), null, START.plus(Duration.ofDays(30)), decodeThreads);
        Replay.Result result = Replay.run(options, balances,
                new Progress(new PrintWriter(new StringWriter()), true));
        Rate rate = rate(result.records(), started, cpuStarted);
        assertThat(result.records()).isEqualTo(expected);
        assertThat(result.tally().entries()).isEqualTo(2L * expected / 3);
        assertThat(balances.trialBalance().values()).containsOnly(0L);
        return rate;
    }

    /** Reads both topics from the beginning to the end offsets, decoding each record: rec/s. */
    private static Rate plainConsumer(Properties settings, long expected) {
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        long decoded = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topics.Topic topic : Topics.EVENT_TOPICS) {
                for (PartitionInfo info : consumer.partitionsFor(topic.name(), METADATA_WAIT)) {
                    partitions.add(new TopicPartition(info.topic(), info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_WAIT);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!reached(consumer, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    Envelope envelope = EnvelopeCodec.decode(r.topic(), r.headers(), r.value());
                    if (envelope.event() != null) {
                        decoded++;
                    }
                }
            }
        }
        assertThat(decoded).isEqualTo(expected);
        return rate(decoded, started, cpuStarted);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer,
                                   Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** One event to publish at its record time. */
    private record Timed(Instant at, String topic, WireEvent event) {
    }

    /**
     * Per order: a request, its grant a second later, a payment of the share a minute later;
     * published in record-time order, as producers stamp records when they send them, so every
     * partition's timestamps only grow.
     */
    private static int publish(String bootstrap, int orders) {
        List<Timed> history = new ArrayList<>(orders * 3);
        for (int i = 0; i < orders; i++) {
            Instant t = START.plusMillis(i * 10L);
            String order = "bench-" + i;
            Money unit = new Money("31500.0" + (i % 10), "USD");
            history.add(new Timed(t, Topics.ORDERS.name(), new OrderRequestedV1(order,
                    "cust-" + (i % 50), "Customer", "H200-NVL", "H200", 4, unit, unit.times(4),
                    "Inference serving for recommendation models", "PO-" + i, t, "erp")));
            history.add(new Timed(t.plusSeconds(1), Topics.AUTHORIZATIONS.name(),
                    new AuthorizationGrantedV1(order, "auth-" + i, "req-" + i,
                            approved(TrackDecision.US_EXPORT), approved(TrackDecision.CN_IMPORT),
                            GrantConditions.defaults(), "v1", "policy", t.plusSeconds(1))));
            Money share = RevenueShare.of(unit.times(4), RevenueShare.DEFAULT_RATE);
            history.add(new Timed(t.plusSeconds(60), Topics.ORDERS.name(),
                    new RevenueSharePaidV1(order, "pay-" + i, "auth-" + i, share, "UST-" + i,
                            "US-TREASURY", t.plusSeconds(60), "treasury")));
        }
        history.sort(Comparator.comparing(Timed::at));
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings,
                new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            for (Timed timed : history) {
                pending.add(send(producer, timed.topic(), timed.event(), timed.at()));
                if (pending.size() >= 30_000) {
                    await(pending);
                }
            }
            await(pending);
        }
        return history.size();
    }

    private static TrackDecision approved(String track) {
        return new TrackDecision(track, TrackDecision.APPROVED, track, null, "ok");
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer,
                                               String topic, WireEvent e, Instant timestamp) {
        RecordHeaders headers = new RecordHeaders();
        String source = topic.equals(Topics.ORDERS.name()) ? "/tollgate/order-service"
                : "/tollgate/regulator-service";
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), source, e);
        byte[] value = EnvelopeCodec.encode(topic, headers, envelope);
        return producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(),
                e.orderId(), value, headers));
    }

    private static void await(List<Future<RecordMetadata>> pending) {
        try {
            for (Future<RecordMetadata> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing the benchmark history failed: " + e, e);
        }
        pending.clear();
    }

    private static double best(List<Rate> rates) {
        return rates.stream().mapToDouble(Rate::perSecond).max().orElseThrow();
    }

    private static double leastCpu(List<Rate> rates) {
        return rates.stream().mapToDouble(Rate::cpuMicrosPerRecord).min().orElseThrow();
    }

    private static Rate rate(long records, long startedNanos, long cpuStartedNanos) {
        double cpuMicros = (processCpuNanos() - cpuStartedNanos) / 1e3;
        return new Rate(records / seconds(startedNanos), cpuMicros / records);
    }

    /** CPU of this whole JVM (broker, clients, compiler and collector threads alike). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static long heapUsedMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }
}
