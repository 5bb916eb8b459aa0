package io.tollgate.eventing.axon;

import org.axonframework.config.Configurer;

/**
 * A service's contribution to the Axon configuration: its aggregates, command and event handlers,
 * processing groups. Every CDI bean implementing this is applied once, before Axon starts.
 */
public interface AxonModule {

    void configure(Configurer configurer);
}
