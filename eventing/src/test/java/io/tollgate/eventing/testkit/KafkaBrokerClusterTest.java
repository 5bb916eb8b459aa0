package io.tollgate.eventing.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Three brokers and a controller in one JVM: losing a partition leader mid-stream loses nothing. */
class KafkaBrokerClusterTest {

    private static final String TOPIC = "cluster-test.failover";
    private static final int RECORDS = 20_000;
    private static final int CHUNK = 500;
    private static final Duration WAIT_MAX = Duration.ofSeconds(120);

    @Test
    void leaderStoppedMidStreamLosesAndDuplicatesNothing() throws Exception {
        try (KafkaBroker cluster = KafkaBroker.startCluster(3);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            // given: RF 3, min ISR 2, so acks=all survives one broker down
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            cluster.createTopics(3, (short) 3, TOPIC);
            int leader = leaderOfPartitionZero(admin);
            AtomicInteger acknowledged = new AtomicInteger();
            ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
            CountDownLatch stopped = new CountDownLatch(1);
            ExecutorService sender = Executors.newSingleThreadExecutor();
            try {
                // when: records stream in before, while and after partition 0's leader stops
                Future<?> sending = sender.submit(() -> produce(cluster.bootstrapServers(), acknowledged,
                        failures, stopped));
                await().atMost(WAIT_MAX).pollInterval(Duration.ofMillis(10))
                        .until(() -> acknowledged.get() >= RECORDS / 4);
                int acknowledgedAtStop = acknowledged.get();
                cluster.stopBroker(leader);
                int acknowledgedAfterStop = acknowledged.get();
                stopped.countDown();
                sending.get(WAIT_MAX.toSeconds(), TimeUnit.SECONDS);
                // then
                assertThat(acknowledgedAtStop).isLessThan(RECORDS * 3 / 4);
                assertThat(acknowledgedAfterStop).isLessThanOrEqualTo(RECORDS * 3 / 4);
            } finally {
                stopped.countDown();
                sender.shutdownNow();
            }
            assertThat(failures).isEmpty();
            assertThat(acknowledged.get()).isEqualTo(RECORDS);
            assertThat(leaderOfPartitionZero(admin)).isNotEqualTo(leader);
            List<ConsumerRecord<String, byte[]>> read;
            try (KafkaProbe probe = new KafkaProbe(cluster.bootstrapServers())) {
                read = probe.readAll(TOPIC, WAIT_MAX);
            }
            Set<String> distinct = new HashSet<>();
            for (ConsumerRecord<String, byte[]> record : read) {
                distinct.add(new String(record.value(), UTF_8));
            }
            assertThat(read).hasSize(RECORDS);
            assertThat(distinct).hasSize(RECORDS);
        }
    }

    @Test
    void startThatDoesNotFinishInTimeNamesWhatDidNotComeUp() {
        assertThatThrownBy(() -> InProcessKafka.start(3, false, Duration.ofMillis(400)).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 brokers + 1 controller) did not come up within 400 ms; stuck ");
        // The abandoned start closes what it built on its own thread; how long that takes depends
        // on the machine's load, so this test checks the error, not the clean-up timing.
    }

    /**
     * Sends in chunks, each flushed, so the stream is still running when the broker stops; holds
     * the last quarter back until the broker has stopped, so some records surely follow the stop.
     */
    private static Void produce(String bootstrapServers, AtomicInteger acknowledged,
                                ConcurrentLinkedQueue<Exception> failures, CountDownLatch stopped)
            throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "cluster-test-producer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int start = 0; start < RECORDS; start += CHUNK) {
                if (start == RECORDS * 3 / 4 && !stopped.await(WAIT_MAX.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the broker was not stopped within " + WAIT_MAX);
                }
                for (int i = start; i < start + CHUNK; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "order-" + (i % 97),
                            ("record-" + i).getBytes(UTF_8)), (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.incrementAndGet();
                                } else {
                                    failures.add(error);
                                }
                            });
                }
                producer.flush();
            }
        }
        return null;
    }

    private static int leaderOfPartitionZero(Admin admin) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(TOPIC)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(TOPIC);
        return description.partitions().stream().filter(p -> p.partition() == 0).findFirst()
                .orElseThrow().leader().id();
    }
}
