package io.tollgate.eventing.kafka;

import io.tollgate.eventing.error.Transience;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.deadletter.DeadLetterStore;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.trace.Traces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One poll loop on its own thread: poll up to {@code max.poll.records}, apply them through a
 * {@link PollApplier} (which isolates and dead-letters what can never be applied), and only then
 * commit the offsets. A transient failure never skips a record: the poll is retried from its first
 * offsets with capped back-off. Anything that ends a session (an error from poll, a handler's
 * {@link Error}) closes the consumer and starts a new one after capped back-off.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    static final long BACKOFF_MS_MIN = 200;
    static final long BACKOFF_MS_MAX = 30_000;
    static final long RESTART_BACKOFF_MS_MIN = 1_000;
    static final long RESTART_BACKOFF_MS_MAX = 60_000;

    private final String group;
    private final List<Topics.Topic> topics;
    private final KafkaClients clients;
    private final MeterRegistry meters;
    private final PollApplier applier;
    private final int maxPollRecords;
    private final Duration pollTimeout;
    private final Timer batchTimer;
    private final AtomicLong lastPollMillis = new AtomicLong(System.currentTimeMillis());
    /** When the loop last stopped polling without having polled well since; 0 while it is fine. */
    private final AtomicLong downSinceMillis = new AtomicLong();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;
    private volatile boolean alive;

    ConsumerLoop(String group, List<Topics.Topic> topics, RecordConsumer recordConsumer,
                 BatchConsumer batchConsumer, KafkaClients clients, DeadLetters deadLetters,
                 ProcessedEvents processed, DeadLetterStore store, MeterRegistry meters,
                 Traces traces, RecordDecoder decoder, DecodeWorkers decodeWorkers, int maxPollRecords,
                 Duration pollTimeout,
                 int maxAttempts) {
        this.group = group;
        this.topics = List.copyOf(topics);
        this.clients = clients;
        this.meters = meters;
        this.applier = new PollApplier(group, recordConsumer, batchConsumer, deadLetters, processed, store,
                traces, decoder, decodeWorkers, maxAttempts);
        this.maxPollRecords = maxPollRecords;
        this.pollTimeout = pollTimeout;
        this.batchTimer = Timer.builder("tollgate.consumer.batch.duration")
                .description("Time to apply one polled batch and commit its offsets")
                .tag("group", group).register(meters);
    }

    String group() {
        return group;
    }

    /** True while the loop is polling (false before it subscribed, between sessions, after it stopped). */
    boolean isAlive() {
        return alive;
    }

    long millisSinceLastPoll() {
        return System.currentTimeMillis() - lastPollMillis.get();
    }

    /** How long the loop has been down (dying and restarting without a good poll); 0 when it is not. */
    long millisDown() {
        long since = downSinceMillis.get();
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    int restarts() {
        return restarts.get();
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Runs sessions until stopped; a session that ends by accident is followed by a new one. */
    @Override
    public void run() {
        long restartBackoffMs = RESTART_BACKOFF_MS_MIN;
        while (running) {
            try {
                session();
            } catch (WakeupException e) {
                if (running) {
                    LOG.errorf(e, "consumer %s woken up unexpectedly", group);
                }
            } catch (Throwable e) { // NOPMD: an Error from a handler must not end the loop for good
                LOG.errorf(e, "consumer %s: session ended by %s; restarting in %d ms", group,
                        Causes.describe(e), restartBackoffMs);
            }
            if (!running) {
                return;
            }
            // A session that polled well since the last restart starts the back-off over.
            if (downSinceMillis.compareAndSet(0, System.currentTimeMillis())) {
                restartBackoffMs = RESTART_BACKOFF_MS_MIN;
            }
            restarts.incrementAndGet();
            sleepQuietly(restartBackoffMs);
            restartBackoffMs = Math.min(RESTART_BACKOFF_MS_MAX, restartBackoffMs * 2);
        }
    }

    private void session() {
        KafkaConsumer<String, byte[]> current = clients.consumer(group, maxPollRecords);
        KafkaClientMetrics metrics = new KafkaClientMetrics(current);
        consumer = current;
        try {
            metrics.bindTo(meters);
            current.subscribe(topics.stream().map(Topics.Topic::name).toList());
            alive = true;
            pollUntilStopped(current);
        } finally {
            alive = false;
            consumer = null;
            metrics.close();
            current.close(Duration.ofSeconds(5));
        }
    }

    private void pollUntilStopped(KafkaConsumer<String, byte[]> current) {
        long backoffMs = BACKOFF_MS_MIN;
        while (running) {
            ConsumerRecords<String, byte[]> records = current.poll(pollTimeout);
            lastPollMillis.set(System.currentTimeMillis());
            try {
                if (!records.isEmpty()) {
                    Timer.Sample sample = Timer.start();
                    applier.apply(inOrder(records));
                    current.commitSync(nextOffsets(records));
                    sample.stop(batchTimer);
                    LOG.debugf("consumer %s: %d records handled, offsets committed", group,
                            records.count());
                }
                applier.serviceRequests(current.assignment());
                downSinceMillis.set(0);
                backoffMs = BACKOFF_MS_MIN;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                if (endsTheSession(e)) {
                    throw e;
                }
                String kind = Transience.isTransient(e) ? "a transient" : "an unexpected";
                LOG.errorf(e, "consumer %s: %s failure (%s); retrying from the poll's first offsets in %d ms",
                        group, kind, Causes.describe(e), backoffMs);
                rewind(current, records);
                sleepQuietly(backoffMs);
                backoffMs = Math.min(BACKOFF_MS_MAX, backoffMs * 2);
            }
        }
    }

    /**
     * An {@link Error} (wrapped by the transaction runner or not) says that the process, not the
     * record, is broken: it ends the session, which restarts, and is never dead-lettered.
     */
    static boolean endsTheSession(RuntimeException e) {
        return Causes.find(e, Error.class).isPresent();
    }

    /** The poll's records partition by partition, each partition in offset order. */
    private static List<ConsumerRecord<String, byte[]>> inOrder(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<String, byte[]> current, ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            current.seek(partition, records.records(partition).get(0).offset());
        }
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis); // back-off between retries, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
