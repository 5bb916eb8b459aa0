package io.tollgate.regulator.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.eventing.db.AfterCommit;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.Reason;
import io.tollgate.regulator.command.Application;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The regulator's business metrics. Counters move only after the transaction that recorded the
 * fact commits (a rolled-back decision is not counted); the two queue gauges count read-model
 * rows on each scrape, so they are right after a restart too. Tag values are bounded: reason codes
 * are an enum, {@code decided_by} is "policy" or "officer".
 */
@Singleton
public class RegulatorMetrics {

    private final MeterRegistry registry;
    private final AfterCommit afterCommit;
    private final Counter received;

    public RegulatorMetrics(MeterRegistry registry, AfterCommit afterCommit,
                            SqlStatements jdbc) {
        this.registry = registry;
        this.afterCommit = afterCommit;
        this.received = Counter.builder("tollgate.regulator.applications.received")
                .description("Applications opened for requested orders").register(registry);
        Gauge.builder("tollgate.regulator.applications.awaiting.usage.scenario", jdbc,
                        j -> count(j, ApplicationStatus.USAGE_SCENARIO_REQUESTED))
                .description("Applications waiting for the buyer's usage scenario").register(registry);
        Gauge.builder("tollgate.regulator.review.queue", jdbc, j -> count(j, ApplicationStatus.PENDING_REVIEW))
                .description("Applications waiting for a compliance officer").register(registry);
    }

    void received() {
        afterCommit.run(received::increment);
    }

    void granted(String decidedBy, Instant receivedAt, Instant decidedAt) {
        String by = by(decidedBy);
        afterCommit.run(() -> {
            Counter.builder("tollgate.regulator.applications.granted")
                    .description("Applications granted").tag("decided_by", by).register(registry).increment();
            latency(by, receivedAt, decidedAt);
        });
    }

    /** Counts the denial once per reason code it names (a denial may name several). */
    void denied(List<Reason> reasons, String decidedBy, Instant receivedAt, Instant decidedAt) {
        String by = by(decidedBy);
        afterCommit.run(() -> {
            for (Reason reason : reasons) {
                Counter.builder("tollgate.regulator.applications.denied")
                        .description("Applications denied, by reason code").tag("reason", reason.code().name())
                        .register(registry).increment();
            }
            latency(by, receivedAt, decidedAt);
        });
    }

    /**
     * A usage scenario or document that reached a decided or withdrawn application and was passed
     * over; {@code kind} is "usage_scenario" or "document".
     */
    public void lateSupply(String kind) {
        afterCommit.run(() -> Counter.builder("tollgate.regulator.supplies.late")
                .description("Usage scenarios and documents that arrived after their application was decided")
                .tag("kind", kind).register(registry).increment());
    }

    private void latency(String by, Instant receivedAt, Instant decidedAt) {
        if (receivedAt == null || decidedAt == null || decidedAt.isBefore(receivedAt)) {
            return;
        }
        Timer.builder("tollgate.regulator.decision.latency")
                .description("From receiving an application to its final decision")
                .tag("decided_by", by).register(registry).record(Duration.between(receivedAt, decidedAt));
    }

    private static String by(String decidedBy) {
        return Application.POLICY.equals(decidedBy) ? "policy" : "officer";
    }


    private static double count(SqlStatements jdbc, ApplicationStatus status) {
        try {
            return jdbc.queryOne("SELECT COUNT(*) AS n FROM regulator_application WHERE status = ?",
                    row -> row.getLong("n"), status).orElse(0L);
        } catch (RuntimeException e) {
            return Double.NaN; // The database is away: the gauge shows no value rather than a wrong one.
        }
    }
}
