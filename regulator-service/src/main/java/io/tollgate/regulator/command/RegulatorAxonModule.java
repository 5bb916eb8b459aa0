package io.tollgate.regulator.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.regulator.query.ApplicationProjection;
import io.tollgate.regulator.query.DesignationProjection;
import io.tollgate.regulator.query.PolicyProjection;
import io.tollgate.regulator.query.ReadModels;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The regulator's aggregates and its read-model projections (one subscribing group). */
@ApplicationScoped
public class RegulatorAxonModule implements AxonModule {

    private final ApplicationProjection applications;
    private final DesignationProjection designations;
    private final PolicyProjection policies;
    private final int designationSnapshotEvery;

    public RegulatorAxonModule(ApplicationProjection applications, DesignationProjection designations,
                               PolicyProjection policies,
                               @ConfigProperty(name = "tollgate.regulator.designation-snapshot-events-every")
                               int designationSnapshotEvery) {
        if (designationSnapshotEvery < 1) {
            throw new IllegalStateException("tollgate.regulator.designation-snapshot-events-every must be >= 1");
        }
        this.applications = applications;
        this.designations = designations;
        this.policies = policies;
        this.designationSnapshotEvery = designationSnapshotEvery;
    }

    @Override
    public void configure(Configurer configurer) {
        // A customer's Designation gains an event per grant; the others stay a few events long.
        configurer.configureAggregate(Application.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Designation.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), designationSnapshotEvery)))
                .configureAggregate(PolicyRegister.class);
        // Events stored under the old nested type names load as today's records.
        configurer.registerEventUpcaster(c -> new NestedEventNamesUpcaster());
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(ReadModels.PROCESSING_GROUP)
                .registerEventHandler(c -> applications)
                .registerEventHandler(c -> designations)
                .registerEventHandler(c -> policies);
    }
}
