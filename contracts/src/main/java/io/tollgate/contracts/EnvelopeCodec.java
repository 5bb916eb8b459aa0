package io.tollgate.contracts;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;

/**
 * Encodes envelopes as CloudEvents 1.0 in Kafka binary mode: attributes in {@code ce_*} headers,
 * the event's JSON as the record value. Decoding failures throw {@link ContractViolationException}
 * naming what is wrong, so consumers can dead-letter the record with that reason.
 */
public final class EnvelopeCodec {

    public static final String CONTENT_TYPE = "application/json";

    /**
     * The {@code ce_*} headers every Tollgate record carries. CloudEvents makes time and subject
     * optional; the contract does not (subject is the order id, time the business time).
     */
    public static final List<String> REQUIRED_HEADERS = List.of(
            "ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject");

    private EnvelopeCodec() {
    }

    /** Writes the {@code ce_*} headers into {@code headers} and returns the record value. */
    public static byte[] encode(String topic, Headers headers, Envelope envelope) {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withType(envelope.type())
                .withSource(URI.create(envelope.source()))
                .withTime(envelope.time().atOffset(ZoneOffset.UTC))
                .withSubject(envelope.subject())
                .withDataContentType(CONTENT_TYPE)
                .withData(WireJson.write(envelope.event()))
                .build();
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            return serializer.serialize(topic, headers, event);
        }
    }

    /**
     * Refuses a record without every {@link #REQUIRED_HEADERS} header, naming the first missing:
     * such a record is no event at all (consumers check this before its signature).
     */
    public static void requireHeaders(Headers headers) {
        for (String name : REQUIRED_HEADERS) {
            if (headers == null || headers.lastHeader(name) == null) {
                throw new ContractViolationException(name, "header is missing");
            }
        }
    }

    /** Reads an envelope from a record's headers and value, read from {@code topic} ({@link Provenance}). */
    public static Envelope decode(String topic, Headers headers, byte[] value) {
        // Checked first so the violation names the missing header, not the SDK's parse failure.
        requireHeaders(headers);
        CloudEvent event;
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            event = deserializer.deserialize(topic, headers, value);
        } catch (CloudEventRWException | IllegalArgumentException | IllegalStateException e) {
            throw new ContractViolationException("ce_headers", "are not a CloudEvents 1.0 binary event: " + e.getMessage());
        }
        if (event == null) {
            throw new ContractViolationException("ce_headers", "are missing");
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new ContractViolationException("ce_specversion",
                    "must be " + Envelope.SPEC_VERSION + ", got " + event.getSpecVersion());
        }
        Class<? extends WireEvent> type = EventTypes.classOf(event.getType()).orElseThrow(() ->
                new ContractViolationException("ce_type", "is not a known event type: " + event.getType()));
        Provenance.check(topic, event.getType(), event.getSource().toString());
        if (event.getTime() == null) {
            throw new ContractViolationException("ce_time", "is required");
        }
        if (event.getData() == null) {
            throw new ContractViolationException("data", "is empty");
        }
        WireEvent payload = WireJson.read(event.getData().toBytes(), type);
        return new Envelope(event.getId(), event.getType(), event.getSource().toString(),
                event.getTime().toInstant(), event.getSubject(), payload);
    }
}
