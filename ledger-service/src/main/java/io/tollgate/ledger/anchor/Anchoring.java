package io.tollgate.ledger.anchor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.contracts.AnchorCodec;
import io.tollgate.contracts.LedgerCheckpointAnchoredV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.signing.EventSigning;
import io.tollgate.ledger.journal.LedgerClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Anchors the ledger's chains: every {@code tollgate.ledger.anchor-interval}, each chain whose head
 * moved since its last anchor gets one — its head's seq and hash and the digest of its balances up
 * to there, signed with the ledger's key (eventing's {@link EventSigning}) and published on
 * {@link Topics#LEDGER_CHECKPOINTS} before it is stored. A failed run changes nothing it has not
 * published and is tried again at the next interval. A zero interval turns the schedule off
 * ({@link #anchorNow()} still works).
 */
@ApplicationScoped
public class Anchoring {

    private static final Logger LOG = Logger.getLogger(Anchoring.class);
    /** Bound on the chains one run anchors (one per source partition: far fewer in practice). */
    static final int CHAINS_PER_RUN_MAX = 10_000;
    /** How long a run waits for the broker to acknowledge its anchors. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Databases databases;
    private final KafkaClients kafka;
    private final EventSigning signing;
    private final LedgerClock clock;
    private final Duration interval;
    private final Counter published;
    private final MeterRegistry meters;
    /** Wall-clock epoch millis of the last run that ended without an error (start-up before the first). */
    private final AtomicLong lastCompleted = new AtomicLong(System.currentTimeMillis());
    private ScheduledExecutorService schedule;
    private KafkaProducer<String, byte[]> producer;

    @Inject
    public Anchoring(Databases databases, KafkaClients kafka, EventSigning signing, LedgerClock clock,
                     MeterRegistry meters,
                     @ConfigProperty(name = "tollgate.ledger.anchor-interval") Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("tollgate.ledger.anchor-interval must not be negative: " + interval);
        }
        this.databases = databases;
        this.kafka = kafka;
        this.signing = signing;
        this.clock = clock;
        this.interval = interval;
        this.published = Counter.builder("tollgate.ledger.anchors.published")
                .description("Anchored checkpoints the ledger signed and published").register(meters);
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        if (interval.isZero()) {
            LOG.info("anchoring is off (tollgate.ledger.anchor-interval=0)");
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-anchoring");
            t.setDaemon(true);
            return t;
        });
        // Together they say when anchoring stopped: an alert compares their age with the interval.
        Gauge.builder("tollgate.ledger.anchor.last.completed.timestamp", lastCompleted, t -> t.get() / 1000.0)
                .description("When the last anchoring run ended without an error (start-up before the first),"
                        + " in seconds since the epoch").baseUnit("seconds").register(meters);
        Gauge.builder("tollgate.ledger.anchor.interval", interval, d -> d.toMillis() / 1000.0)
                .description("How often the chains are anchored").baseUnit("seconds").register(meters);
        long ms = interval.toMillis();
        schedule.scheduleWithFixedDelay(this::scheduledRun, ms, ms, TimeUnit.MILLISECONDS);
        LOG.infof("chains are anchored on %s every %s", Topics.LEDGER_CHECKPOINTS.name(), interval);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    private void scheduledRun() {
        try {
            anchorNow();
            lastCompleted.set(System.currentTimeMillis());
        } catch (RuntimeException e) {
            // An operating failure (broker or database away): the next run tries again.
            LOG.warnf("anchoring failed, retried in %s: %s", interval, e.toString());
        }
    }

    /** Anchors every chain whose head moved since its last anchor; returns what it published. */
    public synchronized List<ChainPoint> anchorNow() {
        List<ChainPoint> points = new ArrayList<>();
        try (Connection c = databases.dataSource().getConnection()) {
            long generation = AnchorStore.generation(c);
            for (String[] head : AnchorStore.headsToAnchor(c, generation)) {
                if (points.size() == CHAINS_PER_RUN_MAX) {
                    break;
                }
                long seq = Long.parseLong(head[1]);
                points.add(new ChainPoint(generation, head[0], seq, head[2],
                        AnchorStore.balanceDigestAt(c, head[0], seq)));
            }
            if (points.isEmpty() || AnchorStore.generation(c) != generation) {
                // Nothing moved, or a rebuild swapped generations meanwhile: the next run anchors it.
                return List.of();
            }
            Instant at = clock.clock().instant().truncatedTo(ChronoUnit.MICROS);
            for (ChainPoint p : points) {
                AnchorStore.insert(c, publish(p, at));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read or store the chain anchors", e);
        }
        return points;
    }

    private AnchorStore.Stored publish(ChainPoint p, Instant at) {
        String id = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = AnchorCodec.encode(headers, id, new LedgerCheckpointAnchoredV1(p.chainId(), p.generation(),
                p.seq(), p.entryHash(), p.balanceDigest(), at));
        signing.signer().sign(headers, value);
        String signature = new String(headers.lastHeader(EventSigner.HEADER).value(), StandardCharsets.US_ASCII);
        try {
            producer().send(new ProducerRecord<>(Topics.LEDGER_CHECKPOINTS.name(), null, p.chainId(), value, headers))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing an anchor", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish the anchor of " + p.chainId() + " at " + p.seq()
                    + ": " + e.getMessage(), e);
        }
        published.increment();
        return new AnchorStore.Stored(p, id, at, signature);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = kafka.producer("anchors");
        }
        return producer;
    }
}
