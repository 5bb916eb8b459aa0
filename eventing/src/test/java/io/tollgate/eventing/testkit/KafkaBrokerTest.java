package io.tollgate.eventing.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The single-node in-process broker is a real Kafka: acks, idempotence, groups and offsets work. */
class KafkaBrokerTest {

    private static final Duration WAIT_MAX = Duration.ofSeconds(60);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bootstrapServersPointAtLoopback() {
        assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:[0-9]{2,5}");
    }

    @Test
    void producerWithAcksAllAndIdempotenceDeliversEveryRecordOnce() throws Exception {
        // given
        String topic = "broker-test.produce";
        broker.createTopics(3, (short) 1, topic);
        int count = 1_000;
        // when
        Map<TopicPartition, List<Long>> offsets = new HashMap<>();
        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                RecordMetadata metadata = send.get(30, TimeUnit.SECONDS);
                TopicPartition partition = new TopicPartition(topic, metadata.partition());
                offsets.computeIfAbsent(partition, p -> new ArrayList<>()).add(metadata.offset());
            }
        }
        // then: offsets are dense per partition (nothing written twice);
        // a consumer reads every record, each key's records in the order sent
        for (List<Long> partitionOffsets : offsets.values()) {
            assertThat(partitionOffsets).doesNotHaveDuplicates();
            assertThat(partitionOffsets.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .isEqualTo(partitionOffsets.size() - 1);
        }
        List<ConsumerRecord<String, byte[]>> read;
        try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers())) {
            read = probe.readAll(topic, WAIT_MAX);
        }
        assertThat(read).hasSize(count);
        Map<String, Integer> lastPerKey = new HashMap<>();
        Set<String> values = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : read) {
            int sequence = Integer.parseInt(new String(record.value(), UTF_8).substring("value-".length()));
            assertThat(sequence).isGreaterThan(lastPerKey.getOrDefault(record.key(), -1));
            lastPerKey.put(record.key(), sequence);
            values.add(new String(record.value(), UTF_8));
        }
        assertThat(values).hasSize(count);
    }

    @Test
    void groupConsumerResumesFromCommittedOffsetsAfterRestart() {
        // given
        String topic = "broker-test.resume";
        String group = "broker-test-resume";
        broker.createTopics(3, (short) 1, topic);
        int count = 300;
        Set<String> sent = new HashSet<>();
        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
                sent.add("value-" + i);
            }
            producer.flush();
        }
        // when: the first consumer processes some records, commits exactly those, and is closed
        List<String> first = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = groupConsumer(group)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT_MAX).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> first.add(record.value()));
                consumer.commitSync();
                return first.size() >= 100;
            });
        }
        // and a second consumer of the same group reads on
        List<String> second = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = groupConsumer(group)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT_MAX).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> second.add(record.value()));
                return first.size() + second.size() >= count;
            });
            // then: it stands at the end of every partition, having skipped nothing and re-read nothing
            Set<TopicPartition> assigned = consumer.assignment();
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            for (TopicPartition partition : assigned) {
                assertThat(consumer.position(partition)).isEqualTo(end.get(partition));
            }
        }
        assertThat(first).hasSizeBetween(100, count - 1).doesNotHaveDuplicates();
        assertThat(second).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).isEqualTo(sent);
        assertThat(first.size() + second.size()).isEqualTo(count);
    }

    @Test
    void createTopicsLeavesExistingTopicsAsTheyAre() throws Exception {
        // given
        String topic = "broker-test.existing";
        broker.createTopics(2, (short) 1, topic);
        // when
        broker.createTopics(5, (short) 1, topic, topic, "broker-test.fresh");
        // then
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            var described = admin.describeTopics(List.of(topic, "broker-test.fresh")).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            assertThat(described.get(topic).partitions()).hasSize(2);
            assertThat(described.get("broker-test.fresh").partitions()).hasSize(5);
        }
    }

    @Test
    void stopBrokerRejectsAnUnknownBrokerId() {
        assertThatThrownBy(() -> broker.stopBroker(7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no broker 7");
    }

    @Test
    void sharedBrokerIsOneBrokerPerJvmThatCloseCannotStop() {
        // given
        KafkaBroker shared = KafkaBroker.shared();
        // when
        shared.close();
        // then
        assertThat(KafkaBroker.shared()).isSameAs(shared);
        shared.createTopics(1, (short) 1, "broker-test.shared-still-up");
    }

    @Test
    void sharedBrokerIsTheSameSeenFromAnotherClassLoader() throws Exception {
        // given: the test kit loaded a second time, as Quarkus does per test application
        String here = KafkaBroker.shared().bootstrapServers();
        try (URLClassLoader loader = new TestKitFirstClassLoader()) {
            Class<?> otherKafkaBroker = loader.loadClass(KafkaBroker.class.getName());
            assertThat(otherKafkaBroker).isNotSameAs(KafkaBroker.class);
            // when
            Object there = otherKafkaBroker.getMethod("shared").invoke(null);
            // then
            assertThat(otherKafkaBroker.getMethod("bootstrapServers").invoke(there)).isEqualTo(here);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "broker-test-producer"),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> groupConsumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Small polls so the first consumer stops (and commits) well before the end.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 25),
                new StringDeserializer(), new StringDeserializer());
    }

    /** Loads the test kit's own classes itself (child first), everything else from the parent. */
    private static final class TestKitFirstClassLoader extends URLClassLoader {
        TestKitFirstClassLoader() {
            super(new URL[] {KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation()},
                    KafkaBroker.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(KafkaBroker.class.getPackageName() + ".")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
