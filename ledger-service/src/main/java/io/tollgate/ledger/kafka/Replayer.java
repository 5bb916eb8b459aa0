package io.tollgate.ledger.kafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.DecodeWorkers;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.kafka.RecordDecoder;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.journal.ShadowLoad;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.LedgerLimits;
import io.tollgate.ledger.posting.UnpostableEventException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Replays both topics from the beginning into the shadow generation with a group-less consumer
 * (the live group's offsets never move): first up to the live group's committed offsets, then, once
 * the caller has paused live posting, up to the end. A record the ledger cannot hold is skipped and
 * reported, and its order's later events are held, as the live loop dead-letters and holds them.
 */
@ApplicationScoped
public class Replayer {

    private static final Logger LOG = Logger.getLogger(Replayer.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    /** A replay that has not reached its offsets by then fails (and can be started again). */
    private static final Duration REPLAY_MAX = Duration.ofHours(2);
    /** Refusals a rebuild reports by event id; the counts cover every one. */
    static final int REFUSALS_LISTED_MAX = 100;

    private final LedgerWriter writer;
    private final KafkaClients clients;
    private final RecordDecoder decoder;
    private final Databases databases;
    private final int batchSize;
    private final DecodeWorkers decodeWorkers;
    private final HeapGuard heap;

    /** Where a replay is; may throw to stop it (a cancel). */
    public interface Progress {
        void report(RebuildJobs.Phase phase, long done, long total);
    }

    /**
     * What a replay did.
     *
     * @param skipped  records the live loop dead-letters as undecodable, skipped here the same way
     * @param rejected events the ledger cannot hold (beyond a limit), skipped and listed
     * @param held     later events of an order with a rejected event, skipped as the live loop holds them
     * @param refusals the first {@value #REFUSALS_LISTED_MAX} rejected events with their code and reason
     * @param phases   where the replay's time went
     */
    public record Counts(long records, long events, long entries, long skipped, long rejected, long held,
                         List<Refusal> refusals, long millis, Phases phases) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, List.of(), 0, Phases.NONE);
    }

    /** One rejected event, as the live loop dead-letters it. */
    @Schema(name = "ReplayRefusal")
    public record Refusal(String eventId, String orderId, String topic, int partition, long offset, String code,
                          String reason) {
    }

    @Inject
    public Replayer(LedgerWriter writer, KafkaClients clients, RecordDecoder decoder, Databases databases,
                    @ConfigProperty(name = "tollgate.ledger.rebuild-batch-size") int batchSize,
                    @ConfigProperty(name = "tollgate.ledger.rebuild-decode-threads") int decodeThreads,
                    @ConfigProperty(name = "tollgate.ledger.rebuild-heap-max-fraction") double heapMaxFraction) {
        this.writer = writer;
        this.clients = clients;
        this.decoder = decoder;
        this.databases = databases;
        this.batchSize = batchSize;
        this.heap = new HeapGuard(heapMaxFraction);
        this.decodeWorkers = new DecodeWorkers("ledger-rebuild-decode", decodeThreads,
                "tollgate.ledger.rebuild-decode-threads");
    }

    @PreDestroy
    void stop() {
        decodeWorkers.close();
    }

    /** Opens a replay positioned at the beginning of every partition of both topics. */
    public Session open(Progress progress) {
        return new Session(progress);
    }

    /**
     * Where a replay's time went, in milliseconds: polling the broker, decoding and verifying the
     * records, applying and hashing them in memory, appending entries, postings and processed ids,
     * and writing the end state (orders, balances, chain rows) once.
     */
    @Schema(name = "ReplayPhases")
    public record Phases(long readMillis, long decodeMillis, long postingMillis, long writingMillis,
                         long endStateMillis) {
        static final Phases NONE = new Phases(0, 0, 0, 0, 0);
    }

    /** One replay: its consumer, its in-memory working set, its counts and the orders it holds. */
    public final class Session implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer = clients.replayConsumer("ledger-rebuild", batchSize);
        private final Progress progress;
        private final List<TopicPartition> partitions;
        private final Map<TopicPartition, Long> begin;
        private final long started = System.nanoTime();
        private final Instant deadline = Instant.now().plus(REPLAY_MAX);
        private final ShadowLoad load = writer.shadowLoad();
        private final Set<String> heldOrders = new HashSet<>();
        private final List<Refusal> refusals = new ArrayList<>();
        private long records;
        private long events;
        private long entries;
        private long skipped;
        private long rejected;
        private long held;
        private long total;
        private long readNanos;
        private long decodeNanos;
        private long postingNanos;
        private long writingNanos;
        private long endStateNanos;

        private Session(Progress progress) {
            this.progress = progress;
            try {
                partitions = partitions(consumer);
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                begin = consumer.beginningOffsets(partitions, METADATA_WAIT);
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
        }

        /** Replays up to the live group's committed offsets (the end seen now where it has none). */
        public void replayToLiveGroup() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_WAIT);
            Map<TopicPartition, Long> target = new HashMap<>(end);
            committedOffsets().forEach((tp, offset) -> target.computeIfPresent(tp, (k, e) -> Math.min(e, offset)));
            replayTo(target, end, RebuildJobs.Phase.SHADOW);
        }

        /** Replays up to the end offsets seen now (the caller has paused live posting). */
        public void replayToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_WAIT);
            replayTo(end, end, RebuildJobs.Phase.CATCH_UP);
        }

        /** Lets every due wait time out, in the shadow, as a live batch would. */
        public void expireDue() {
            long t0 = System.nanoTime();
            entries += load.expireDue();
            postingNanos += System.nanoTime() - t0;
            flush();
        }

        /** Writes the working set's end state (orders, balances, chain rows) into the shadow once. */
        public void finish() {
            long t0 = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> writeShadow(load::finish));
            endStateNanos += System.nanoTime() - t0;
        }

        public Counts counts() {
            return new Counts(records, events, entries, skipped, rejected, held, List.copyOf(refusals),
                    (System.nanoTime() - started) / 1_000_000, new Phases(readNanos / 1_000_000,
                    decodeNanos / 1_000_000, postingNanos / 1_000_000, writingNanos / 1_000_000,
                    endStateNanos / 1_000_000));
        }

        @Override
        public void close() {
            consumer.close();
        }

        /**
         * Polls and applies until the target: while one poll's entries are written, the next poll
         * is already being decoded and verified on the helper threads (the replay's thread joins
         * in once its write is done), so the two costs overlap instead of adding up.
         */
        private void replayTo(Map<TopicPartition, Long> target, Map<TopicPartition, Long> end,
                              RebuildJobs.Phase phase) {
            total = 0;
            end.forEach((tp, e) -> total += e - begin.getOrDefault(tp, 0L));
            progress.report(phase, records, total);
            DecodeWorkers.Pending<LedgerEvent> next = reached(target) ? null : pollAndDecode(target);
            try {
                while (next != null) {
                    long t0 = System.nanoTime();
                    List<LedgerEvent> decoded = next.await();
                    next = null;
                    long t1 = System.nanoTime();
                    for (LedgerEvent e : decoded) {
                        admit(e);
                    }
                    decodeNanos += t1 - t0;
                    postingNanos += System.nanoTime() - t1;
                    if (!reached(target)) {
                        next = pollAndDecode(target);
                    }
                    flush();
                    heap.check();
                    progress.report(phase, records, total);
                }
            } finally {
                if (next != null) {
                    next.cancel();
                }
            }
        }

        /** Polls on this thread (the consumer is this thread's alone) and starts decoding on the helpers. */
        private DecodeWorkers.Pending<LedgerEvent> pollAndDecode(Map<TopicPartition, Long> target) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("rebuild did not reach the end offsets within " + REPLAY_MAX);
            }
            long t0 = System.nanoTime();
            ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
            List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>(polled.count());
            Map<TopicPartition, Long> beyond = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : polled) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < target.get(tp)) {
                    wanted.add(r);
                } else {
                    beyond.putIfAbsent(tp, r.offset());
                }
            }
            // Records past the target are read again by the next phase.
            beyond.forEach(consumer::seek);
            readNanos += System.nanoTime() - t0;
            return decodeWorkers.start(wanted, r -> decode(decoder, r));
        }

        private boolean reached(Map<TopicPartition, Long> target) {
            for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        /** Applies one decoded record (null: undecodable) unless its order is held or it is refused. */
        private void admit(LedgerEvent e) {
            records++;
            if (e == null) {
                skipped++;
                return;
            }
            if (heldOrders.contains(e.orderId())) {
                held++;
                return;
            }
            try {
                LedgerLimits.check(e);
                entries += load.apply(e);
                events++;
            } catch (UnpostableEventException refused) {
                refuse(e, refused);
            }
        }

        /** Appends what was applied since the last flush, in a transaction of its own. */
        private void flush() {
            long t0 = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> writeShadow(load::flush));
            writingNanos += System.nanoTime() - t0;
        }

        private void writeShadow(SqlStep step) {
            try (Connection c = databases.dataSource().getConnection()) {
                step.run(c);
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the shadow generation: " + e.getMessage(), e);
            }
        }

        private void refuse(LedgerEvent e, UnpostableEventException refused) {
            rejected++;
            heldOrders.add(e.orderId());
            if (refusals.size() < REFUSALS_LISTED_MAX) {
                refusals.add(new Refusal(e.eventId(), e.orderId(), e.source().topic(), e.source().partition(),
                        e.source().offset(), refused.code(), refused.getMessage()));
            }
            LOG.warnf("rebuild skips event %s of order %s (%s: %s) and holds the order's later events",
                    e.eventId(), e.orderId(), refused.code(), refused.getMessage());
        }
    }

    private interface SqlStep {
        void run(Connection c) throws SQLException;
    }

    /** The live group's committed offsets; none (an empty map) if the group has not committed. */
    private Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (Admin admin = clients.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(LedgerConsumer.GROUP)
                    .partitionsToOffsetAndMetadata().get(METADATA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            committed.forEach((tp, o) -> {
                if (o != null) {
                    out.put(tp, o.offset());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the live group's offsets", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the live group's committed offsets: " + e, e);
        }
        return out;
    }

    /**
     * Records the live loop dead-letters (undecodable, unsigned or wrongly signed, off the allowlist)
     * are skipped here the same way: both decode through eventing's {@link RecordDecoder}.
     */
    private static LedgerEvent decode(RecordDecoder decoder, ConsumerRecord<String, byte[]> r) {
        try {
            return Decoding.toLedgerEvent(decoder.decode(r, LedgerConsumer.ACCEPTS));
        } catch (ContractViolationException e) {
            return null;
        }
    }

    /** Records in both topics now; 0 if the broker cannot say (no start-up rebuild then). */
    public long recordsInTopics() {
        try (KafkaConsumer<String, byte[]> consumer = clients.replayConsumer("ledger-probe", 1)) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_WAIT);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, METADATA_WAIT);
            long n = 0;
            for (TopicPartition p : partitions) {
                n += end.get(p) - begin.get(p);
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warnf("could not count the records in the topics (%s); no start-up rebuild", e.toString());
            return 0;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (Topics.Topic topic : Topics.EVENT_TOPICS) {
            for (PartitionInfo info : consumer.partitionsFor(topic.name(), METADATA_WAIT)) {
                out.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        return out;
    }
}
