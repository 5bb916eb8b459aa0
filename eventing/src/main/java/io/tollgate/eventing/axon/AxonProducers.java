package io.tollgate.eventing.axon;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;

/** Makes Axon's gateways and stores injectable; each resolves the running configuration lazily. */
@ApplicationScoped
public class AxonProducers {

    @Produces
    @ApplicationScoped
    Configuration configuration(AxonRuntime runtime) {
        return runtime.configuration();
    }

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway(AxonRuntime runtime) {
        return runtime.configuration().commandGateway();
    }

    @Produces
    @ApplicationScoped
    QueryGateway queryGateway(AxonRuntime runtime) {
        return runtime.configuration().queryGateway();
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore(AxonRuntime runtime) {
        return runtime.configuration().eventStore();
    }
}
