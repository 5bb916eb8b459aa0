package io.tollgate.eventing.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One poll loop on its own thread: poll up to {@code max.poll.records}, decode, dead-letter what
 * cannot be decoded, apply the rest in transactions (per record or per batch), and only then commit
 * the offsets. A failure that may pass (database down) never skips a record: the batch is retried
 * from its first offset with capped back-off.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final long BACKOFF_MS_MIN = 200;
    private static final long BACKOFF_MS_MAX = 30_000;

    private final String group;
    private final List<Topics.Topic> topics;
    private final RecordConsumer recordConsumer;
    private final BatchConsumer batchConsumer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetters deadLetters;
    private final ProcessedEvents processed;
    private final Duration pollTimeout;
    private final int maxAttempts;
    private final Timer batchTimer;
    private final AtomicLong lastPollMillis = new AtomicLong(System.currentTimeMillis());
    private final KafkaClientMetrics clientMetrics;
    private volatile boolean running = true;
    private volatile boolean alive;

    ConsumerLoop(String group, List<Topics.Topic> topics, RecordConsumer recordConsumer,
                 BatchConsumer batchConsumer, KafkaClients clients, DeadLetters deadLetters,
                 ProcessedEvents processed, MeterRegistry meters, int maxPollRecords,
                 Duration pollTimeout, int maxAttempts) {
        this.group = group;
        this.topics = List.copyOf(topics);
        this.recordConsumer = recordConsumer;
        this.batchConsumer = batchConsumer;
        this.consumer = clients.consumer(group, maxPollRecords);
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.pollTimeout = pollTimeout;
        this.maxAttempts = maxAttempts;
        this.batchTimer = Timer.builder("tollgate.consumer.batch.duration")
                .description("Time to apply one polled batch and commit its offsets")
                .tag("group", group).register(meters);
        this.clientMetrics = new KafkaClientMetrics(consumer);
        this.clientMetrics.bindTo(meters);
    }

    String group() {
        return group;
    }

    /** True while the loop is polling (false before it subscribed and after it stopped). */
    boolean isAlive() {
        return alive;
    }

    long millisSinceLastPoll() {
        return System.currentTimeMillis() - lastPollMillis.get();
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics.stream().map(Topics.Topic::name).toList());
            alive = true;
            long backoffMs = BACKOFF_MS_MIN;
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                lastPollMillis.set(System.currentTimeMillis());
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    Timer.Sample sample = Timer.start();
                    applyAndCommit(records);
                    sample.stop(batchTimer);
                    backoffMs = BACKOFF_MS_MIN;
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "consumer %s: batch failed, retrying from its first offset in %d ms", group, backoffMs);
                    rewind(records);
                    sleepQuietly(backoffMs);
                    backoffMs = Math.min(BACKOFF_MS_MAX, backoffMs * 2);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "consumer %s woken up unexpectedly", group);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "consumer %s stopped by an unexpected error", group);
        } finally {
            alive = false;
            clientMetrics.close();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void applyAndCommit(ConsumerRecords<String, byte[]> records) {
        List<IncomingEvent> decoded = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                Envelope envelope = EnvelopeCodec.decode(record.topic(), record.headers(), record.value());
                if (record.key() != null && !record.key().equals(envelope.subject())) {
                    throw new ContractViolationException("key", "must equal ce_subject (the order id)");
                }
                decoded.add(new IncomingEvent(envelope, record.topic(), record.partition(), record.offset(),
                        Instant.ofEpochMilli(record.timestamp())));
                sources.add(record);
            } catch (ContractViolationException e) {
                deadLetters.send(group, record, "CONTRACT_VIOLATION", e.getMessage());
            }
        }
        if (batchConsumer != null) {
            if (!decoded.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> batchConsumer.handleBatch(decoded));
            }
        } else {
            for (int i = 0; i < decoded.size(); i++) {
                applyOne(decoded.get(i), sources.get(i));
            }
        }
        consumer.commitSync(nextOffsets(records));
    }

    private void applyOne(IncomingEvent event, ConsumerRecord<String, byte[]> source) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (processed.contains(group, event.eventId())) {
                        return;
                    }
                    recordConsumer.handle(event);
                    processed.record(group, event, ProcessedEvents.Outcome.APPLIED);
                });
                return;
            } catch (RuntimeException e) {
                RejectedEventException rejected = findRejection(e);
                if (rejected != null) {
                    deadLetters.send(group, source, rejected.code(), rejected.getMessage());
                    markDeadLettered(event);
                    return;
                }
                if (Transience.isTransient(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    deadLetters.send(group, source, "HANDLER_FAILED", Transience.describe(e));
                    markDeadLettered(event);
                    return;
                }
                LOG.warnf(e, "consumer %s: attempt %d of %d failed for event %s", group, attempt, maxAttempts,
                        event.eventId());
                sleepQuietly(BACKOFF_MS_MIN * attempt);
            }
        }
    }

    /** Remembers a refused event so a redelivery is not dead-lettered a second time. */
    private void markDeadLettered(IncomingEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (!processed.contains(group, event.eventId())) {
                processed.record(group, event, ProcessedEvents.Outcome.DEAD_LETTERED);
            }
        });
    }

    private static RejectedEventException findRejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RejectedEventException r) {
                return r;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // back-off between retries, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
