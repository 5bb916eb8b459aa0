package io.tollgate.eventing.testkit;

import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.eventing.signing.EventSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's hands on Kafka: produces envelopes (CloudEvents binary, as the services do) or raw
 * records, and reads everything a topic holds without joining a consumer group.
 */
public final class KafkaProbe implements AutoCloseable {

    /** Bound on one synchronous send, acknowledgement by all in-sync replicas included. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Bound on one poll; the overall wait is the caller's {@code atMost}. */
    private static final Duration POLL_MAX = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 5_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;

    public KafkaProbe(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers is required");
        }
        String clientId = "tollgate-probe-" + INSTANCES.incrementAndGet();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // Every send is synchronous: waiting 5 ms (the Kafka 4 default) for a batch only slows it.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                // No group: partitions are assigned by hand and nothing is committed.
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sends one envelope (key = its subject, the order id) signed as its source's service signs it
     * ({@link TestSigning}; a source of no service gets a key nobody trusts) and waits for
     * acknowledgement by all ISRs.
     */
    public void send(String topic, Envelope envelope) {
        send(topic, envelope, TestSigning.signerFor(envelope.source()));
    }

    /** Sends one envelope signed by {@code signer}, or unsigned when it is null. */
    public void send(String topic, Envelope envelope, EventSigner signer) {
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(topic, headers, envelope);
        if (signer != null) {
            signer.sign(headers, value);
        }
        sendRaw(topic, envelope.subject(), value, headers);
    }

    /** Sends one record exactly as given ({@code headers} may be null) and waits for its acknowledgement. */
    public synchronized void sendRaw(String topic, String key, byte[] value, Headers headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, key, value, headers);
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("send to " + topic + " not acknowledged within "
                    + SEND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + topic, e);
        }
    }

    /**
     * Every record the topic holds now (up to its end offsets when this is called), partition by
     * partition in offset order. A topic that does not exist holds nothing.
     */
    public synchronized List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        List<TopicPartition> partitions = partitionsOf(topic, remaining(deadline));
        if (partitions.isEmpty()) {
            return List.of();
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, remaining(deadline));
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        while (!reached(end)) {
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException("read " + records.size() + " records of " + topic
                        + " in " + atMost + " but did not reach its end offsets " + end);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_MAX)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            }
        }
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
        return records;
    }

    /** {@link #readAll} decoded as envelopes; a record that is not a valid envelope fails the call. */
    public List<Envelope> readEnvelopes(String topic, Duration atMost) {
        List<Envelope> envelopes = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic, atMost)) {
            try {
                envelopes.add(EnvelopeCodec.decode(topic, record.headers(), record.value()));
            } catch (ContractViolationException e) {
                throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " is not a valid envelope: " + e.getMessage(), e);
            }
        }
        return envelopes;
    }

    /**
     * Waits until the topic holds at least {@code count} records, then returns everything it holds
     * (as {@link #readAll}); fails after {@code atMost} naming how many arrived.
     */
    public synchronized List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count,
                                                                          Duration atMost) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        long deadline = System.nanoTime() + atMost.toNanos();
        List<TopicPartition> partitions = List.of();
        int seen = 0;
        while (seen < count) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("expected at least " + count + " records in " + topic
                        + " within " + atMost + ", found " + seen);
            }
            if (partitions.isEmpty()) {
                partitions = partitionsOf(topic, remaining(deadline));
                if (partitions.isEmpty()) {
                    // The topic does not exist yet: nothing to long-poll on, so back off briefly.
                    KafkaBroker.pause(POLL_MAX);
                    continue;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            // poll returns as soon as records arrive: this is the wait, bounded by POLL_MAX.
            seen += consumer.poll(POLL_MAX).count();
        }
        return readAll(topic, remaining(deadline));
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

    private List<TopicPartition> partitionsOf(String topic, Duration atMost) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, atMost);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        Collection<TopicPartition> partitions = end.keySet();
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    /** Time left until the deadline, at least 1 ms so a last call can still answer. */
    private static Duration remaining(long deadlineNanos) {
        long leftNanos = deadlineNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), leftNanos));
    }
}
