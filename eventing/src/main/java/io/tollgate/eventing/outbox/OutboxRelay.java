package io.tollgate.eventing.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.WireEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tollgate.eventing.kafka.KafkaClients;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.signing.EventSigning;
import io.tollgate.eventing.trace.LogContext;
import io.tollgate.eventing.trace.Traces;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The outbox relay: a pooled streaming processor reads the service's own event store and publishes
 * every event its {@link OutboxMapper} maps. Sends of one batch are asynchronous; before the batch's
 * token is committed the producer is flushed and every send must be acknowledged, so a crash can
 * publish an event twice (same CloudEvents id: consumers drop it) but never zero times. Each send
 * is a span in the trace the event was stored in (its metadata), and the record carries that span
 * as its {@code traceparent} header.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String PROCESSOR = "outbox-relay";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String PENDING = OutboxRelay.class.getName() + ".pending";

    @Inject
    Instance<OutboxMapper> mappers;
    @Inject
    KafkaClients clients;
    @Inject
    MeterRegistry meters;
    @Inject
    Traces traces;
    @Inject
    EventSigning signing;
    @ConfigProperty(name = "tollgate.service-name")
    String serviceName;
    @ConfigProperty(name = "tollgate.outbox.batch-size")
    int batchSize;
    @ConfigProperty(name = "tollgate.outbox.send-timeout-ms")
    long sendTimeoutMs;

    private volatile KafkaProducer<String, byte[]> producer;
    private volatile Configuration configuration;
    private Counter published;

    /** Adds the relay processor to {@code configurer} when this service has an {@link OutboxMapper}. */
    public void register(Configurer configurer) {
        if (mappers.isUnsatisfied()) {
            return;
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalStateException("tollgate.outbox.batch-size must be in [1, 10000]: " + batchSize);
        }
        OutboxMapper mapper = mappers.get();
        // Loaded now: a publishing service without its key stops at start-up, naming the setting.
        EventSigner signer = signing.signer();
        published = Counter.builder("tollgate.outbox.published")
                .description("Events the outbox relay published (a re-publish after a crash counts again)")
                .register(meters);
        Handler handler = new Handler(mapper, signer);
        configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(PROCESSOR, Configuration::eventStore,
                        (config, builder) -> builder.batchSize(batchSize)
                                .initialSegmentCount(1)
                                .maxClaimedSegments(1)
                                .tokenClaimInterval(1_000))
                .registerEventHandler(c -> handler)
                .assignHandlerInstancesMatching(PROCESSOR, Integer.MAX_VALUE, h -> h == handler);
        Gauge.builder("tollgate.outbox.lag", this, OutboxRelay::lag)
                .description("Events appended to the event store but not yet published")
                .register(meters);
    }

    /** Called once Axon runs, so the lag gauge can read the processor and the store's head. */
    public void attach(Configuration running) {
        this.configuration = running;
    }

    double lag() {
        Configuration running = configuration;
        if (running == null) {
            return Double.NaN;
        }
        try {
            TrackingToken head = running.eventStore().createHeadToken();
            OptionalLong headPosition = head == null ? OptionalLong.of(0) : head.position();
            Optional<PooledStreamingEventProcessor> processor = running.eventProcessingConfiguration()
                    .eventProcessor(PROCESSOR, PooledStreamingEventProcessor.class);
            if (processor.isEmpty() || headPosition.isEmpty()) {
                return Double.NaN;
            }
            long done = processor.get().processingStatus().values().stream()
                    .map(EventTrackerStatus::getCurrentPosition)
                    .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(0);
            return Math.max(0, headPosition.getAsLong() - done);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = clients.burstProducer(PROCESSOR);
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The event handler of the relay processor; public so Axon can invoke its annotated method. */
    public final class Handler {
        private final OutboxMapper mapper;
        private final EventSigner signer;

        Handler(OutboxMapper mapper, EventSigner signer) {
            this.mapper = mapper;
            this.signer = signer;
        }

        @EventHandler
        public void on(Object payload, EventMessage<?> message) {
            Optional<WireEvent> wire = mapper.toWire(message);
            if (wire.isEmpty()) {
                return;
            }
            WireEvent event = wire.get();
            String topic = EventTypes.topicOf(event).name();
            String eventId = message.getIdentifier();
            Envelope envelope = Envelope.of(eventId, "/tollgate/" + serviceName, event);
            RecordHeaders headers = new RecordHeaders();
            byte[] value = EnvelopeCodec.encode(topic, headers, envelope);
            signer.sign(headers, value);
            Span span = traces.startSend(traces.fromMetaData(message.getMetaData()), topic,
                    eventId, event.orderId());
            try (Scope scope = span.makeCurrent();
                 LogContext log = LogContext.of(event.orderId(), eventId)) {
                traces.inject(Context.current(), headers);
                LOG.debugf("publishing %s to %s", envelope.type(), topic);
                Future<RecordMetadata> sent = producer().send(
                        new ProducerRecord<>(topic, null, event.orderId(), value, headers),
                        (metadata, failure) -> ended(span, failure));
                pending().add(sent);
            } catch (RuntimeException e) {
                ended(span, e);
                throw e;
            }
        }

        /** Ends a send's span once the broker acknowledged the record or the send failed. */
        private void ended(Span span, Exception failure) {
            if (failure != null) {
                Traces.failed(span, failure);
            }
            span.end();
        }

        private List<Future<RecordMetadata>> pending() {
            UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
            return unit.getOrComputeResource(PENDING, key -> {
                List<Future<RecordMetadata>> futures = new ArrayList<>();
                unit.onPrepareCommit(u -> awaitAll(futures));
                return futures;
            });
        }

        private void awaitAll(List<Future<RecordMetadata>> futures) {
            producer().flush();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sendTimeoutMs);
            for (Future<RecordMetadata> future : futures) {
                try {
                    future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing", e);
                } catch (ExecutionException | TimeoutException e) {
                    LOG.warnf("outbox batch of %d not acknowledged, it will be retried: %s", futures.size(), e);
                    throw new IllegalStateException("outbox publish failed; the batch will be retried", e);
                }
            }
            published.increment(futures.size());
        }
    }
}
