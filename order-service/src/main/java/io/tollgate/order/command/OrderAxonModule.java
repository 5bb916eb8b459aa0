package io.tollgate.order.command;

import io.tollgate.eventing.axon.AxonModule;
import io.tollgate.eventing.axon.CommittedStateRepository;
import io.tollgate.order.query.OrderFeed;
import io.tollgate.order.query.OrderProjection;
import io.tollgate.order.query.OrderQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.messaging.StreamableMessageSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * order-service's part of the Axon configuration: the {@link Order} aggregate with snapshots, the
 * read-model projection in a subscribing processor (same transaction as the command), the change
 * feed in a streaming processor of its own, and the query handlers.
 */
@ApplicationScoped
public class OrderAxonModule implements AxonModule {

    /**
     * Events numbered into the change feed per transaction: their rows are written in one JDBC
     * batch, so a larger batch costs few more round trips and spreads the token write and the
     * commit over more events (bulk intake appends thousands of events in seconds).
     */
    private static final int FEED_BATCH = 512;

    private final OrderProjection projection;
    private final OrderQueries queries;
    private final OrderFeed feed;
    private final int snapshotThreshold;
    private final TransactionSynchronizationRegistry transactions;

    public OrderAxonModule(OrderProjection projection, OrderQueries queries, OrderFeed feed,
                           TransactionSynchronizationRegistry transactions,
                           @ConfigProperty(name = "tollgate.order.snapshot-events-every") int snapshotThreshold) {
        if (snapshotThreshold < 2 || snapshotThreshold > 10_000) {
            throw new IllegalStateException("tollgate.order.snapshot-events-every must be in [2, 10000]: "
                    + snapshotThreshold);
        }
        this.projection = projection;
        this.queries = queries;
        this.feed = feed;
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
        // Orders requested before they named destination and parties (revision 1) load as exports to China.
        configurer.registerEventUpcaster(c -> OrderRequestedUpcaster.revision1To2());
        configurer.eventProcessing()
                .registerSubscribingEventProcessor(OrderProjection.PROCESSING_GROUP)
                .registerEventHandler(c -> projection)
                .assignHandlerInstancesMatching(OrderProjection.PROCESSING_GROUP, h -> h == projection);
        configurer.registerQueryHandler(c -> queries);
        // The change feed numbers every order event in one place: one segment, from the start of
        // the store, so a first start also numbers the history stored before the feed existed.
        configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(OrderFeed.PROCESSOR, Configuration::eventStore,
                        (config, builder) -> builder.batchSize(FEED_BATCH)
                                .initialSegmentCount(1)
                                .maxClaimedSegments(1)
                                .initialToken(StreamableMessageSource::createTailToken))
                .registerEventHandler(c -> feed)
                .assignHandlerInstancesMatching(OrderFeed.PROCESSOR, h -> h == feed);
        configurer.registerQueryHandler(c -> feed);
    }
}
