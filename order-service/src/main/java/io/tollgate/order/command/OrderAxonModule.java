package io.tollgate.order.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.eventing.axon.CommittedStateRepository;
import io.tollgate.order.query.OrderProjection;
import io.tollgate.order.query.OrderQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * order-service's part of the Axon configuration: the {@link Order} aggregate with snapshots, the
 * read-model projection in a subscribing processor (same transaction as the command) and the
 * query handlers.
 */
@ApplicationScoped
public class OrderAxonModule implements AxonModule {

    private final OrderProjection projection;
    private final OrderQueries queries;
    private final int snapshotThreshold;
    private final TransactionSynchronizationRegistry transactions;

    public OrderAxonModule(OrderProjection projection, OrderQueries queries,
                           TransactionSynchronizationRegistry transactions,
                           @ConfigProperty(name = "tollgate.order.snapshot-events-every") int snapshotThreshold) {
        if (snapshotThreshold < 2 || snapshotThreshold > 10_000) {
            throw new IllegalStateException("tollgate.order.snapshot-events-every must be in [2, 10000]: "
                    + snapshotThreshold);
        }
        this.projection = projection;
        this.queries = queries;
        this.snapshotThreshold = snapshotThreshold;
        this.transactions = transactions;
    }

    @Override
    public void configure(Configurer configurer) {
        // Payments make an order's history grow: load from a snapshot once it has this many events.
        // Its last committed state stays in memory, so the grant and each payment continue from it
        // instead of reading and deserializing the whole stream again.
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Order.class)
                .configureRepository(c -> CommittedStateRepository.of(c, Order.class,
                        new EventCountSnapshotTriggerDefinition(c.snapshotter(), snapshotThreshold), transactions)));
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(OrderProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(OrderProjection.PROCESSING_GROUP, h -> h == projection);
        configurer.registerQueryHandler(c -> queries);
    }
}
