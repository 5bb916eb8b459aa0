package io.tollgate.eventing.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.eventing.db.AfterCommit;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.outbox.OutboxRelay;
import io.tollgate.eventing.trace.CommandTraceInterceptor;
import io.tollgate.eventing.trace.EventLogContextInterceptor;
import io.tollgate.eventing.trace.Traces;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds and runs Axon Framework 4 inside Quarkus by hand (there is no Axon extension): the JDBC
 * event store and token store on the active datasource, Jackson wherever a serializer is taken,
 * Narayana JTA as transaction manager, Micrometer metrics, and errors in event handlers propagated
 * (a failed projection fails its command instead of being logged and forgotten).
 */
@ApplicationScoped
public class AxonRuntime {

    private static final Logger LOG = Logger.getLogger(AxonRuntime.class);

    /** Table and column names of the event store; matches db/eventing V1. */
    public static final EventSchema EVENT_SCHEMA = eventSchema("domain_event_entry");

    /** The event store's column names over {@code eventTable} (and its snapshot table). */
    public static EventSchema eventSchema(String eventTable) {
        return EventSchema.builder()
                .eventTable(eventTable)
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("aggregate_type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static final TokenSchema TOKEN_SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment_id")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("time_stamp")
            .setOwnerColumn("owner_id")
            .build();

    @Inject
    Databases databases;
    @Inject
    jakarta.transaction.TransactionManager jta;
    @Inject
    MeterRegistry meterRegistry;
    @Inject
    Instance<AxonModule> modules;
    @Inject
    OutboxRelay outboxRelay;
    @Inject
    AfterCommit afterCommit;
    @Inject
    Traces traces;
    @ConfigProperty(name = "tollgate.event-store.fetch-delay-ms")
    long fetchDelayMs;
    @ConfigProperty(name = "tollgate.axon.enabled")
    boolean enabled;
    @ConfigProperty(name = "tollgate.node-id")
    String nodeId;
    @ConfigProperty(name = "tollgate.service-name")
    String serviceName;

    private volatile Configuration configuration;

    /** Starts Axon once Flyway has migrated the schema; before REST or consumers need it. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (enabled) {
            configuration();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Configuration running = configuration;
        if (running != null) {
            running.shutdown();
        }
    }

    /** The running Axon configuration; starts it on first use. */
    public Configuration configuration() {
        Configuration current = configuration;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (configuration == null) {
                if (!enabled) {
                    throw new IllegalStateException("Axon is disabled in this service (tollgate.axon.enabled=false)");
                }
                long started = System.nanoTime();
                Configuration built = configurer().buildConfiguration();
                built.commandBus().registerDispatchInterceptor(new PrincipalInterceptor(serviceName));
                built.commandBus()
                        .registerDispatchInterceptor(new CommandTraceInterceptor(traces));
                built.start();
                outboxRelay.attach(built);
                configuration = built;
                LOG.infof("Axon started on %s in %d ms", databases.kind(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
            }
            return configuration;
        }
    }

    /**
     * "running", "error" (its last batch failed; it retries with back-off) or "absent". Reported,
     * not used for readiness: order intake works without Kafka, the relay catches up later.
     */
    public String relayState() {
        Configuration running = configuration;
        if (running == null) {
            return "absent";
        }
        return running.eventProcessingConfiguration()
                .eventProcessor(OutboxRelay.PROCESSOR, org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor.class)
                .map(p -> p.isError() ? "error" : p.isRunning() ? "running" : "stopped")
                .orElse("absent");
    }

    public boolean isRunning() {
        return configuration != null;
    }

    private Configurer configurer() {
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(databases.dataSource());
        TransactionManager transactions = new JtaTransactionManager(jta);
        Serializer serializer = serializer();
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(copiedMetaData())))
                .configureEventStore(c -> eventStore(c, JdbcEventStorageEngine.builder()
                        .connectionProvider(connections)
                        .transactionManager(transactions)
                        .persistenceExceptionResolver(new UniqueViolationResolver())
                        .schema(EVENT_SCHEMA)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(c.upcasterChain())
                        .dataType(byte[].class)
                        .readEventDataWithGaps(TrackedEventsQuery::withGaps)
                        .batchSize(500)
                        .build()));
        configurer.eventProcessing()
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        .connectionProvider(connections)
                        .schema(TOKEN_SCHEMA)
                        .serializer(serializer)
                        .contentType(byte[].class)
                        .nodeId(nodeId)
                        .claimTimeout(Duration.ofSeconds(10))
                        .build())
                .registerDefaultHandlerInterceptor((c, name) -> new EventLogContextInterceptor())
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
        AxonMessageMeters.register(configurer, meterRegistry);
        for (AxonModule module : modules) {
            module.configure(configurer);
        }
        outboxRelay.register(configurer);
        return configurer;
    }

    /**
     * Metadata Axon copies from a command onto the events it produces: who asked, and the trace
     * context the command was sent in (read back by the outbox relay when it publishes).
     */
    private static String[] copiedMetaData() {
        List<String> keys = new ArrayList<>(CommandTraceInterceptor.KEYS);
        keys.add(0, PrincipalInterceptor.PRINCIPAL);
        return keys.toArray(String[]::new);
    }

    /**
     * Events the embedded store keeps for its tailing readers (the outbox relay), a tenth of Axon's
     * default of 10,000. Each cached event holds its tracking token, and each token its own copy of
     * the gaps in the global index (sequence values of rolled-back transactions, kept for a minute):
     * with a few hundred gaps under contention, 10,000 cached events held 3.2 million gap entries
     * (128 MB) and ran a 384 MB regulator out of heap. A reader further behind reads from the
     * database, as it would anyway.
     */
    static final int CACHED_EVENTS = 1_000;

    /**
     * The embedded event store, woken after the JTA commit ({@link CommitAwareEventStore}); the
     * fetch delay bounds how long events committed by another node wait for this node's readers.
     */
    private EventStore eventStore(Configuration c, EventStorageEngine engine) {
        if (fetchDelayMs < 10 || fetchDelayMs > 10_000) {
            throw new IllegalStateException("tollgate.event-store.fetch-delay-ms must be in [10, 10000]: "
                    + fetchDelayMs);
        }
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(engine)
                .messageMonitor(c.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .fetchDelay(fetchDelayMs)
                .cachedEvents(CACHED_EVENTS);
        CommitAwareEventStore store = new CommitAwareEventStore(builder, afterCommit);
        c.onShutdown(store::shutDown);
        return store;
    }

    /** Jackson for events, snapshots, messages and tokens ({@link StoredEventJson}). */
    static Serializer serializer() {
        return StoredEventJson.serializer();
    }
}
