package io.tollgate.regulator.command;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.regulator.api.RegulatorRejection;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.query.UsVolumeQueries;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Ends the waits for US volume. After a report, the applications waiting for its class and period
 * are decided again, oldest request first, until one still does not fit (a later order never takes
 * the room an earlier one waits for). A sweep every {@code tollgate.regulator.us-volume-sweep-interval}
 * denies the waits that expired and gives every queue a pass (units given back by cancelled grants,
 * or a pass a crash cut short). Each application is decided in its own transaction.
 */
@ApplicationScoped
public class UsVolumeWaits {

    private static final Logger LOG = Logger.getLogger(UsVolumeWaits.class);
    /** Bound on the applications one pass decides: the rest wait for the next pass. */
    public static final int PASS_MAX = 100;
    /** Bound on the expired waits and on the queues one sweep handles. */
    public static final int SWEEP_MAX = 1_000;

    private final ApplicationWorkflow workflow;
    private final UsVolumeCounts counts;
    private final UsVolumeQueries queries;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService schedule;

    public UsVolumeWaits(ApplicationWorkflow workflow, UsVolumeCounts counts, UsVolumeQueries queries,
                         @ConfigProperty(name = "tollgate.regulator.us-volume-sweep-interval") Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("tollgate.regulator.us-volume-sweep-interval must not be negative");
        }
        this.workflow = workflow;
        this.counts = counts;
        this.queries = queries;
        this.interval = interval;
    }

    /** Priority 60: after the policy history is seeded (50). */
    void onStart(@Observes @Priority(60) StartupEvent event) {
        if (interval.isZero()) {
            LOG.info("the US-volume sweep is off (tollgate.regulator.us-volume-sweep-interval=0)");
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-us-volume-sweep");
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        schedule.scheduleWithFixedDelay(this::scheduledSweep, ms, ms, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // An operating failure (database away): the next sweep tries again.
            LOG.warnf("US-volume sweep failed, retried in %s: %s", interval, e.toString());
        }
    }

    /** Denies every expired wait, then gives each queue a pass; returns the waits it denied. */
    public int sweep() {
        int denied = 0;
        for (UsVolumeQueries.Waiting w : queries.expired(clock.instant(), SWEEP_MAX)) {
            if (ConcurrencyRetry.run("US-volume wait of order " + w.orderId(), () -> counts.expire(w.orderId()))) {
                denied++;
            }
        }
        for (String volumeId : queries.volumesWithQueues(SWEEP_MAX)) {
            pass(volumeId);
        }
        return denied;
    }

    /**
     * Decides the applications waiting for {@code volumeId}, oldest request first, until one still
     * waits; returns how many it decided.
     */
    public int pass(String volumeId) {
        List<UsVolumeQueries.Waiting> queue = queries.queue(volumeId, PASS_MAX);
        int decided = 0;
        for (UsVolumeQueries.Waiting w : queue) {
            Outcome outcome;
            try {
                outcome = ConcurrencyRetry.run("application for order " + w.orderId(),
                        () -> workflow.decideAwaitingUsVolume(w.orderId()));
            } catch (RegulatorRejection e) {
                // A concurrent grant took the room or changed the register: the next pass sees it.
                LOG.infof("US-volume pass of %s stopped at order %s: %s", volumeId, w.orderId(), e.getMessage());
                return decided;
            }
            if (outcome == Outcome.AWAITING_US_VOLUME) {
                return decided;
            }
            decided++;
        }
        return decided;
    }
}
