package io.tollgate.order.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.order.query.OrderProjection;
import io.tollgate.order.query.OrderQueries;
import jakarta.enterprise.context.ApplicationScoped;
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

    public OrderAxonModule(OrderProjection projection, OrderQueries queries,
                           @ConfigProperty(name = "tollgate.order.snapshot-events-every") int snapshotThreshold) {
        if (snapshotThreshold < 2 || snapshotThreshold > 10_000) {
            throw new IllegalStateException("tollgate.order.snapshot-events-every must be in [2, 10000]: "
                    + snapshotThreshold);
        }
        this.projection = projection;
        this.queries = queries;
        this.snapshotThreshold = snapshotThreshold;
    }

    @Override
    public void configure(Configurer configurer) {
        // Payments make an order's history grow: load from a snapshot once it has this many events.
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Order.class)
                .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                        snapshotThreshold)));
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(OrderProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(OrderProjection.PROCESSING_GROUP, h -> h == projection);
        configurer.registerQueryHandler(c -> queries);
    }
}
