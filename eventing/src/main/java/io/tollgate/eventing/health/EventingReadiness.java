package io.tollgate.eventing.health;

import io.tollgate.eventing.axon.AxonRuntime;
import io.tollgate.eventing.kafka.ConsumerLoops;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once Axon runs (where enabled) and every consumer loop is polling. */
@Readiness
@ApplicationScoped
public class EventingReadiness implements HealthCheck {

    @Inject
    AxonRuntime axon;
    @Inject
    ConsumerLoops loops;
    @ConfigProperty(name = "tollgate.axon.enabled")
    boolean axonEnabled;

    @Override
    public HealthCheckResponse call() {
        List<String> dead = loops.deadLoops();
        boolean axonUp = !axonEnabled || axon.isRunning();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tollgate-eventing")
                .withData("axon", axonEnabled ? (axonUp ? "running" : "not started") : "disabled")
                .withData("consumers", String.join(",", loops.groups()))
                .withData("consumersNotPolling", String.join(",", dead))
                .withData("outboxRelay", axon.relayState());
        return response.status(axonUp && dead.isEmpty()).build();
    }
}
