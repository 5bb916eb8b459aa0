package io.tollgate.eventing.trace;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) across the event store and
 * Kafka, in one place: captured into a command's metadata (Axon copies it onto the events the
 * command produces), read back by the outbox relay, written into each record's headers, and read
 * from them by the consumer loops, which start each record's span as its child. A record or event
 * without a context, or with one that cannot be parsed, starts a new trace; it never fails.
 */
@ApplicationScoped
public class Traces {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    static final String INSTRUMENTATION = "io.tollgate.eventing";
    /** Longer header values are not trace context (W3C caps tracestate at 512 characters). */
    private static final int HEADER_CHARS_MAX = 1_024;

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> OPERATION =
            AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> DESTINATION =
            AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    static final AttributeKey<String> GROUP =
            AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> PARTITION =
            AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<Long> BATCH_SIZE =
            AttributeKey.longKey("messaging.batch.message_count");

    private static final Logger LOG = Logger.getLogger(Traces.class);

    private static final TextMapGetter<Map<String, ?>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, ?> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, ?> carrier, String key) {
            Object value = carrier == null ? null : carrier.get(key);
            return value instanceof String text && text.length() <= HEADER_CHARS_MAX ? text : null;
        }
    };

    private static final TextMapGetter<Headers> FROM_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            byte[] value = header == null ? null : header.value();
            if (value == null || value.length > HEADER_CHARS_MAX) {
                return null;
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** The propagation fields of {@code context} (empty when it holds no valid span). */
    public Map<String, String> fields(Context context) {
        Map<String, String> fields = new HashMap<>(4);
        propagator.inject(context, fields, (carrier, key, value) -> carrier.put(key, value));
        return fields;
    }

    /** The context stored in an event's metadata; the root context when there is none. */
    public Context fromMetaData(Map<String, ?> metaData) {
        return extract(metaData, FROM_MAP);
    }

    /** The context a record carries in its headers; the root context when there is none. */
    public Context fromHeaders(Headers headers) {
        return extract(headers, FROM_HEADERS);
    }

    private <C> Context extract(C carrier, TextMapGetter<C> getter) {
        try {
            return propagator.extract(Context.root(), carrier, getter);
        } catch (RuntimeException e) {
            // The W3C propagator ignores what it cannot parse; this guards any other one.
            LOG.debugf("ignoring an unreadable trace context: %s", e.toString());
            return Context.root();
        }
    }

    /** Writes {@code context}'s propagation fields into {@code headers} (replacing any there). */
    public void inject(Context context, Headers headers) {
        propagator.inject(context, headers, (carrier, key, value) -> {
            carrier.remove(key);
            carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
        });
    }

    /** A producer span for publishing one event, child of {@code parent}; the caller ends it. */
    public Span startSend(Context parent, String topic, String eventId, String key) {
        return tracer.spanBuilder("send " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "send")
                .setAttribute(DESTINATION, topic)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(KEY, key)
                .startSpan();
    }

    /**
     * A consumer span for processing one record of {@code batchSize}, child of the context the
     * record carries; the caller ends it.
     */
    public Span startProcess(Context parent, String group, String topic, int partition,
                             long offset, String eventId, String key, int batchSize) {
        return tracer.spanBuilder("process " + topic)
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SYSTEM, "kafka")
                .setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, topic)
                .setAttribute(GROUP, group)
                .setAttribute(PARTITION, Integer.toString(partition))
                .setAttribute(OFFSET, offset)
                .setAttribute(MESSAGE_ID, eventId)
                .setAttribute(KEY, key)
                .setAttribute(BATCH_SIZE, (long) batchSize)
                .startSpan();
    }

    /** Marks {@code span} failed by {@code failure}. */
    public static void failed(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
}
