package io.tollgate.ledger.kafka;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** What a rebuild did. */
    public record Result(long records, long events, long entries, long skipped, long millis) {
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
        long records = 0;
        long events = 0;
        long entries = 0;
        long skipped = 0;
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
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    records++;
                    LedgerEvent e = decode(r);
                    if (e == null) {
                        skipped++;
                    } else {
                        batch.add(e);
                    }
                }
                if (!batch.isEmpty()) {
                    events += batch.size();
                    entries += QuarkusTransaction.requiringNew().call(() -> writer.post(batch, false));
                }
            }
        }
        for (int round = 0; round < EXPIRE_ROUNDS_MAX; round++) {
            int expired = QuarkusTransaction.requiringNew().call(() -> writer.post(List.of(), true));
            entries += expired;
            if (expired == 0) {
                break;
            }
        }
        return new Result(records, events, entries, skipped, (System.nanoTime() - started) / 1_000_000);
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
