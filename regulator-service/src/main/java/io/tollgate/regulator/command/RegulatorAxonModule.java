package io.tollgate.regulator.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.eventing.axon.CommittedStateRepository;
import io.tollgate.regulator.query.ApplicationProjection;
import io.tollgate.regulator.query.DesignationProjection;
import io.tollgate.regulator.query.PolicyProjection;
import io.tollgate.regulator.query.ProposalProjection;
import io.tollgate.regulator.query.ReadModels;
import io.tollgate.regulator.query.UsVolumeProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The regulator's aggregates and its read-model projections (one subscribing group). */
@ApplicationScoped
public class RegulatorAxonModule implements AxonModule {

    private final ApplicationProjection applications;
    private final DesignationProjection designations;
    private final PolicyProjection policies;
    private final ProposalProjection proposals;
    private final UsVolumeProjection usVolumes;
    private final int designationSnapshotEvery;
    private final TransactionSynchronizationRegistry transactions;

    public RegulatorAxonModule(ApplicationProjection applications, DesignationProjection designations,
                               PolicyProjection policies, ProposalProjection proposals,
                               UsVolumeProjection usVolumes, TransactionSynchronizationRegistry transactions,
                               @ConfigProperty(name = "tollgate.regulator.designation-snapshot-events-every")
                               int designationSnapshotEvery) {
        if (designationSnapshotEvery < 1) {
            throw new IllegalStateException("tollgate.regulator.designation-snapshot-events-every must be >= 1");
        }
        this.applications = applications;
        this.designations = designations;
        this.policies = policies;
        this.proposals = proposals;
        this.usVolumes = usVolumes;
        this.designationSnapshotEvery = designationSnapshotEvery;
        this.transactions = transactions;
    }

    @Override
    public void configure(Configurer configurer) {
        // A customer's Designation gains an event per grant (every decision loads it twice), and an
        // Application is loaded again by each command of its decision: their committed states stay
        // in memory and only newer events are read. The policy register stays short.
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Application.class)
                        .configureRepository(c -> CommittedStateRepository.of(c, Application.class,
                                NoSnapshotTriggerDefinition.INSTANCE, transactions)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Designation.class)
                        .configureRepository(c -> CommittedStateRepository.of(c, Designation.class,
                                new EventCountSnapshotTriggerDefinition(c.snapshotter(), designationSnapshotEvery),
                                transactions)))
                // A class's US volume gains an event per grant too (and per report).
                .configureAggregate(AggregateConfigurer.defaultConfiguration(UsVolume.class)
                        .configureRepository(c -> CommittedStateRepository.of(c, UsVolume.class,
                                new EventCountSnapshotTriggerDefinition(c.snapshotter(), designationSnapshotEvery),
                                transactions)))
                .configureAggregate(PolicyRegister.class)
                .configureAggregate(RuleChangeProposal.class);
        // Events stored under the old nested type names load as today's records.
        configurer.registerEventUpcaster(c -> new NestedEventNamesUpcaster());
        // Then applications received before orders named destination and parties (revision 1).
        configurer.registerEventUpcaster(c -> ApplicationReceivedUpcaster.revision1To2());
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(ReadModels.PROCESSING_GROUP)
                .registerEventHandler(c -> applications)
                .registerEventHandler(c -> designations)
                .registerEventHandler(c -> policies)
                .registerEventHandler(c -> proposals)
                .registerEventHandler(c -> usVolumes);
    }
}
