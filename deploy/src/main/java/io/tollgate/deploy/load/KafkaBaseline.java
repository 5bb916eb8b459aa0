package io.tollgate.deploy.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the broker itself does on this machine, measured in the same run as the load: one plain
 * producer (acks=all, idempotent, the services' delivery settings) writes fixed-size records to a
 * scratch topic as fast as it can, then one consumer reads them all back. The topic is deleted.
 */
public final class KafkaBaseline {

    /** The figures: records per second one client achieves each way. */
    public record Result(long records, int recordBytes, int partitions, double producerPerSecond,
                         double consumerPerSecond) {
    }

    public static final int RECORD_BYTES = 200;
    private static final int PARTITIONS = 6;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    /** Bootstrap servers and any login (see LocalStack#kafkaConnection). */
    private final Map<String, Object> connection;

    public KafkaBaseline(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
    }

    /** Produces then consumes {@code records} records on a new scratch topic. */
    public Result measure(long records) {
        String topic = "tollgate.load.baseline-" + System.currentTimeMillis();
        try (Admin admin = Admin.create(connection)) {
            await(admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all());
            try {
                double produced = produce(topic, records);
                double consumed = consume(topic, records);
                return new Result(records, RECORD_BYTES, PARTITIONS, produced, consumed);
            } finally {
                await(admin.deleteTopics(Set.of(topic)).all());
            }
        }
    }

    private double produce(String topic, long records) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "tollgate-load-baseline-producer");
        // The delivery guarantees the services' producers use; batching left at Kafka's defaults.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        byte[] value = new byte[RECORD_BYTES];
        long startNs = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                 new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }
        return Latencies.perSecond(records, System.nanoTime() - startNs);
    }

    private double consume(String topic, long records) {
        Properties props = new Properties();
        props.putAll(connection);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "tollgate-load-baseline-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long startNs = System.nanoTime();
        long deadline = startNs + PHASE_TIMEOUT.toNanos();
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < records && System.nanoTime() < deadline) {
                seen += consumer.poll(POLL_TIMEOUT).count();
            }
        }
        if (seen < records) {
            throw new IllegalStateException("the baseline consumer read " + seen + " of " + records
                + " records within " + PHASE_TIMEOUT.toSeconds() + " s");
        }
        return Latencies.perSecond(seen, System.nanoTime() - startNs);
    }

    private static void await(org.apache.kafka.common.KafkaFuture<Void> future) {
        try {
            future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a Kafka admin call", e);
        }
    }
}
