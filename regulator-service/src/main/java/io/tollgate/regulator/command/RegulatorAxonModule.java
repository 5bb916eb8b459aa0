package io.tollgate.regulator.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.regulator.query.ApplicationProjection;
import io.tollgate.regulator.query.DesignationProjection;
import io.tollgate.regulator.query.PolicyProjection;
import io.tollgate.regulator.query.ReadModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.Configurer;

/** The regulator's aggregates and its read-model projections (one subscribing group). */
@ApplicationScoped
public class RegulatorAxonModule implements AxonModule {

    private final ApplicationProjection applications;
    private final DesignationProjection designations;
    private final PolicyProjection policies;

    public RegulatorAxonModule(ApplicationProjection applications, DesignationProjection designations,
                               PolicyProjection policies) {
        this.applications = applications;
        this.designations = designations;
        this.policies = policies;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(Application.class)
                .configureAggregate(Designation.class)
                .configureAggregate(PolicyRegister.class);
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(ReadModels.PROCESSING_GROUP)
                .registerEventHandler(c -> applications)
                .registerEventHandler(c -> designations)
                .registerEventHandler(c -> policies);
    }
}
