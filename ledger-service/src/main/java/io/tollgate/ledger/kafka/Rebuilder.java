package io.tollgate.ledger.kafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.LedgerLimits;
import io.tollgate.ledger.posting.UnpostableEventException;
import io.tollgate.ledger.posting.SourceRef;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the journal from the topics: wipes it, replays both topics from the beginning with a
 * group-less consumer (the live group's offsets never move), up to the end offsets seen at the
 * start, then lets due waits time out. The live consumer waits meanwhile and resumes after it; what
 * it then re-reads is skipped as already processed.
 */
@ApplicationScoped
public class Rebuilder {

    private static final Logger LOG = Logger.getLogger(Rebuilder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);
    /** A rebuild that has not reached the end offsets by then fails (and can be started again). */
    private static final Duration REBUILD_MAX = Duration.ofHours(2);
    private static final long PERMIT_WAIT_MS = 60_000;
    /** Rounds of expiring due waits after the replay (each handles up to 500 orders). */
    private static final int EXPIRE_ROUNDS_MAX = 10_000;

    private final LedgerWriter writer;
    private final KafkaClients clients;
    private final int batchSize;
    private final boolean rebuildOnEmptyStart;
    private final boolean consumersEnabled;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-rebuild");
        t.setDaemon(true);
        return t;
    });

    /** Refusals a rebuild reports by event id; the counts cover every one. */
    static final int REFUSALS_LISTED_MAX = 100;

    /**
     * What a rebuild did.
     *
     * @param skipped  records the live loop dead-letters as undecodable, skipped here the same way
     * @param rejected events the ledger cannot hold (beyond a limit), skipped and listed
     * @param held     later events of an order with a rejected event, skipped as the live loop holds them
     * @param refusals the first {@value #REFUSALS_LISTED_MAX} rejected events with their code and reason
     */
    public record Result(long records, long events, long entries, long skipped, long rejected, long held,
                         List<Refusal> refusals, long millis) {
    }

    /** One rejected event, as the live loop dead-letters it. */
    public record Refusal(String eventId, String orderId, String topic, int partition, long offset, String code,
                          String reason) {
    }

    @Inject
    public Rebuilder(LedgerWriter writer, KafkaClients clients,
                     @ConfigProperty(name = "tollgate.ledger.rebuild-batch-size") int batchSize,
                     @ConfigProperty(name = "tollgate.ledger.rebuild-on-empty-start") boolean rebuildOnEmptyStart,
                     @ConfigProperty(name = "tollgate.consumers.enabled") boolean consumersEnabled) {
        this.writer = writer;
        this.clients = clients;
        this.batchSize = batchSize;
        this.rebuildOnEmptyStart = rebuildOnEmptyStart;
        this.consumersEnabled = consumersEnabled;
    }

    /** Before the consumer loops start: an empty journal with non-empty topics is rebuilt first. */
    void onStart(@Observes @Priority(50) StartupEvent event) {
        if (!rebuildOnEmptyStart || !consumersEnabled || !writer.isEmpty() || recordsInTopics() == 0) {
            return;
        }
        if (!writer.acquire(0)) {
            return;
        }
        LOG.info("journal is empty and the topics are not: rebuilding before live posting starts");
        background.submit(() -> {
            try {
                Result r = replayHoldingPermit();
                LOG.infof("start-up rebuild posted %d entries from %d events in %d ms", r.entries(), r.events(),
                        r.millis());
            } catch (RuntimeException e) {
                LOG.error("start-up rebuild failed; POST /api/v1/rebuild to try again", e);
            } finally {
                writer.release();
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    /** Rebuilds now, on the caller's thread; 409 if the journal stays busy. */
    public Result rebuild() {
        if (!writer.acquire(PERMIT_WAIT_MS)) {
            throw new ProblemException(409, "REBUILD_BUSY", null, "another rebuild or batch holds the journal");
        }
        try {
            return replayHoldingPermit();
        } finally {
            writer.release();
        }
    }

    private Result replayHoldingPermit() {
        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(writer::wipe);
        Replay replay = new Replay();
        Instant deadline = Instant.now().plus(REBUILD_MAX);
        try (KafkaConsumer<String, byte[]> consumer = clients.replayConsumer("ledger-rebuild", batchSize)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_WAIT);
            while (!reached(consumer, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("rebuild did not reach the end offsets within " + REBUILD_MAX);
                }
                ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
                List<LedgerEvent> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<String, byte[]> r : polled) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        replay.admit(decode(r), batch);
                    }
                }
                replay.post(batch);
            }
        }
        for (int round = 0; round < EXPIRE_ROUNDS_MAX; round++) {
            int expired = QuarkusTransaction.requiringNew().call(() -> writer.post(List.of(),
                    LedgerWriter.Expiry.ALL));
            replay.entries += expired;
            if (expired == 0) {
                break;
            }
        }
        return replay.result((System.nanoTime() - started) / 1_000_000);
    }

    /**
     * One replay's counts and the orders it holds. An event the ledger cannot hold is skipped and
     * reported, and every later event of its order is skipped too: the live loop dead-letters the
     * first and holds the rest until an operator acts, so both journals agree.
     */
    private final class Replay {
        long records;
        long events;
        long entries;
        long skipped;
        long rejected;
        long held;
        final Set<String> heldOrders = new HashSet<>();
        final List<Refusal> refusals = new ArrayList<>();

        void admit(LedgerEvent e, List<LedgerEvent> batch) {
            records++;
            if (e == null) {
                skipped++;
            } else if (heldOrders.contains(e.orderId())) {
                held++;
            } else {
                try {
                    LedgerLimits.check(e);
                    batch.add(e);
                } catch (UnpostableEventException refused) {
                    refuse(e, refused);
                }
            }
        }

        /** Posts a batch; if one of its events is refused on posting, posts it event by event. */
        void post(List<LedgerEvent> batch) {
            if (batch.isEmpty()) {
                return;
            }
            try {
                entries += QuarkusTransaction.requiringNew().call(() -> writer.post(batch, LedgerWriter.Expiry.NONE));
                events += batch.size();
            } catch (RuntimeException e) {
                if (Causes.find(e, UnpostableEventException.class).isEmpty()) {
                    throw e;
                }
                for (LedgerEvent one : batch) {
                    postAlone(one);
                }
            }
        }

        private void postAlone(LedgerEvent e) {
            if (heldOrders.contains(e.orderId())) {
                held++;
                return;
            }
            try {
                entries += QuarkusTransaction.requiringNew().call(() -> writer.post(List.of(e),
                        LedgerWriter.Expiry.NONE));
                events++;
            } catch (RuntimeException failure) {
                refuse(e, Causes.find(failure, UnpostableEventException.class).orElseThrow(() -> failure));
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

        Result result(long millis) {
            return new Result(records, events, entries, skipped, rejected, held, List.copyOf(refusals), millis);
        }
    }

    /** Records the live loop dead-letters (undecodable) are skipped here the same way. */
    private static LedgerEvent decode(ConsumerRecord<String, byte[]> r) {
        try {
            Envelope envelope = EnvelopeCodec.decode(r.topic(), r.headers(), r.value());
            if (r.key() != null && !r.key().equals(envelope.subject())) {
                return null;
            }
            return new LedgerEvent(new SourceRef(envelope.id(), r.topic(), r.partition(), r.offset(),
                    Instant.ofEpochMilli(r.timestamp())), envelope.event());
        } catch (ContractViolationException e) {
            return null;
        }
    }

    private long recordsInTopics() {
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

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
