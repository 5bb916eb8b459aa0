package io.tollgate.eventing.health;

import io.tollgate.eventing.kafka.ConsumerLoops;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while every consumer loop polls: down when a loop has been dead (restarting without a good
 * poll) or has not polled for longer than {@code tollgate.consumer.liveness-bound-ms}, so that an
 * orchestrator restarts the process. A loop restarts itself first; this is the last resort.
 */
@Liveness
@ApplicationScoped
public class EventingLiveness implements HealthCheck {

    @Inject
    ConsumerLoops loops;
    /**
     * Five minutes: Kafka's own max.poll.interval.ms, above the longest restart back-off (60 s) and
     * a retried poll's back-off (30 s), so a loop riding out an outage is not restarted for it.
     */
    @ConfigProperty(name = "tollgate.consumer.liveness-bound-ms", defaultValue = "300000")
    long boundMs;

    @Override
    public HealthCheckResponse call() {
        List<String> stuck = new ArrayList<>();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tollgate-consumers")
                .withData("boundMs", boundMs);
        for (ConsumerLoops.LoopState loop : loops.states()) {
            boolean late = loop.millisDown() > boundMs || loop.millisSinceLastPoll() > boundMs;
            if (late) {
                stuck.add(loop.group());
            }
            response.withData(loop.group(), (loop.polling() ? "polling" : "down")
                    + ", last poll " + loop.millisSinceLastPoll() + " ms ago, down " + loop.millisDown()
                    + " ms, restarts " + loop.restarts());
        }
        return response.withData("stuck", String.join(",", stuck)).status(stuck.isEmpty()).build();
    }
}
