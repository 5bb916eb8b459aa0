package io.tollgate.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the local stack's broker exactly as {@code ./tollgate up} does (a separate JVM from Kafka's
 * jars in target/lib), on free ports in a temporary data folder, and checks topics, a round trip,
 * a restart on the same data, and that stopping it leaves no process behind.
 */
class KafkaBrokerIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private final List<ManagedProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        for (ManagedProcess process : started) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void brokerStartsCreatesTopicsCarriesARecordAndStopsWithoutStrays() throws Exception {
        // given
        KafkaBroker broker = new KafkaBroker(settings());
        assertThat(broker.prepare()).as("first start formats the storage").isTrue();

        // when
        ManagedProcess process = start(broker);
        List<String> created = broker.createTopics(TopicSpec.tollgateTopics());

        // then
        assertThat(created).containsExactlyInAnyOrder("tollgate.orders.v1", "tollgate.authorizations.v1",
            "tollgate.ledger-checkpoints.v1", "tollgate.order-service.dlt", "tollgate.regulator-service.dlt", "tollgate.ledger-service.dlt");
        assertTopicsAsSpecified(broker);
        String value = "hello " + UUID.randomUUID();
        produce(broker, "tollgate.orders.v1", "order-1", value);
        assertThat(consumeOne(broker, "tollgate.orders.v1")).isEqualTo(value);
        assertThat(Files.readString(broker.settings().logFile())).contains("Kafka Server started");

        // when stopped: SIGTERM is enough, the pid file goes, nothing is left running
        long pid = process.pid();
        assertThat(process.stop(Duration.ofSeconds(30))).as("graceful stop").isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(broker.settings().pidFile()).doesNotExist();
    }

    @Test
    void restartOnTheSameDataKeepsTopicsAndRecords() throws Exception {
        // given a broker that held a record and was stopped
        KafkaBroker broker = new KafkaBroker(settings());
        broker.prepare();
        ManagedProcess first = start(broker);
        broker.createTopics(TopicSpec.tollgateTopics());
        produce(broker, "tollgate.authorizations.v1", "order-2", "kept");
        first.stop(Duration.ofSeconds(30));

        // when started again on the same folder
        assertThat(broker.prepare()).as("no second format").isFalse();
        start(broker);

        // then
        assertThat(broker.createTopics(TopicSpec.tollgateTopics())).isEmpty();
        assertThat(consumeOne(broker, "tollgate.authorizations.v1")).isEqualTo("kept");
    }

    @Test
    void aClusterOfThreeBrokersKeepsTakingWritesWithOneBrokerKilledAndCatchesItUpAgain()
        throws Exception {
        // given: one controller and three brokers, topics with 3 replicas and min ISR 2
        List<KafkaBroker> brokers = cluster(3);
        brokers.get(0).createTopics(TopicSpec.tollgateTopics());
        KafkaBroker victim = brokers.get(1);
        ManagedProcess victimProcess = started.get(2);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(brokers)))) {
            TopicDescription orders = admin.describeTopics(List.of("tollgate.orders.v1"))
                .allTopicNames().get().get("tollgate.orders.v1");
            assertThat(orders.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource resource =
                new ConfigResource(ConfigResource.Type.TOPIC, "tollgate.orders.v1");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get("min.insync.replicas").value()).isEqualTo("2");

            // when: one broker is SIGKILLed
            victimProcess.kill();

            // then: writes with acks=all still succeed on two replicas
            produce(bootstrap(brokers), "tollgate.orders.v1", "order-3", "while one is down");

            // when: it is started again on its data
            start(victim);

            // then: it is back in sync on every partition
            await().atMost(Duration.ofSeconds(120)).until(() -> admin.describeTopics(
                    List.of("tollgate.orders.v1")).allTopicNames().get().get("tollgate.orders.v1")
                .partitions().stream().allMatch(p -> p.isr().size() == 3));
        }
    }

    @Test
    void aPortInUseIsNamedBeforeAnythingStarts() throws Exception {
        // given
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            // when / then
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> Ports.requireFree(taken.getLocalPort(), "Kafka broker"))
                .isInstanceOf(LaunchException.class)
                .hasMessage("port " + taken.getLocalPort() + " (Kafka broker) is already in use");
        }
    }

    private KafkaBroker.Settings settings() {
        int port = Ports.freePort();
        int controllerPort = Ports.freePort();
        while (controllerPort == port) {
            controllerPort = Ports.freePort();
        }
        Path lib = Path.of("target/lib").toAbsolutePath();
        return new KafkaBroker.Settings(dataDir.resolve("kafka"), dataDir.resolve("logs"),
            dataDir.resolve("run"), lib, "127.0.0.1", port, controllerPort, "256m");
    }

    /** One controller (started first) and {@code brokers} brokers, each in its own folder. */
    private List<KafkaBroker> cluster(int brokers) {
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int controllerPort = Ports.freePort();
        Path lib = Path.of("target/lib").toAbsolutePath();
        List<KafkaBroker> nodes = new ArrayList<>();
        for (int id = 0; id <= brokers; id++) {
            KafkaBroker.Node.Role role = id == 0 ? KafkaBroker.Node.Role.CONTROLLER
                : KafkaBroker.Node.Role.BROKER;
            int port = id == 0 ? controllerPort : Ports.freePort();
            Path home = dataDir.resolve("node-" + id);
            nodes.add(new KafkaBroker(new KafkaBroker.Settings(home.resolve("kafka"),
                home.resolve("logs"), home.resolve("run"), lib, "127.0.0.1", port, controllerPort,
                "256m", new KafkaBroker.Node(id, role, 0, clusterId, brokers))));
        }
        nodes.forEach(KafkaBroker::prepare);
        nodes.forEach(node -> started.add(node.start()));
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).awaitReady(started.get(i), READY_TIMEOUT);
        }
        return nodes.subList(1, nodes.size());
    }

    private static String bootstrap(List<KafkaBroker> brokers) {
        return String.join(",",
            brokers.stream().map(b -> b.settings().bootstrapServers()).toList());
    }

    private ManagedProcess start(KafkaBroker broker) {
        ManagedProcess process = broker.start();
        started.add(process);
        broker.awaitReady(process, READY_TIMEOUT);
        return process;
    }

    private void assertTopicsAsSpecified(KafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.settings().bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of("tollgate.orders.v1"))
                .allTopicNames().get();
            assertThat(topics.get("tollgate.orders.v1").partitions()).hasSize(6);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "tollgate.orders.v1");
            String retention = admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get("retention.ms").value();
            assertThat(retention).isEqualTo("-1");
        }
    }

    private static void produce(KafkaBroker broker, String topic, String key, String value) throws Exception {
        produce(broker.settings().bootstrapServers(), topic, key, value);
    }

    private static void produce(String bootstrap, String topic, String key, String value)
        throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static String consumeOne(KafkaBroker broker, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.settings().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
            return values.get(0);
        }
    }
}
