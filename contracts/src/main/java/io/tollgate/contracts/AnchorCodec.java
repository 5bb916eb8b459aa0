package io.tollgate.contracts;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * Encodes and decodes {@link LedgerCheckpointAnchoredV1} records the way {@link EnvelopeCodec}
 * does events: CloudEvents 1.0 binary mode, {@code ce_subject} and Kafka key = the chain id,
 * {@code ce_time} = {@code anchoredAt}, {@code ce_source} = {@link Provenance#LEDGER_SERVICE}.
 * Encoding is deterministic, so a stored anchor encodes to the bytes its signature covers.
 */
public final class AnchorCodec {

    private AnchorCodec() {
    }

    /** Writes the {@code ce_*} headers into {@code headers} and returns the record value. */
    public static byte[] encode(Headers headers, String id, LedgerCheckpointAnchoredV1 anchor) {
        UUID.fromString(id);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(id)
                .withType(LedgerCheckpointAnchoredV1.TYPE)
                .withSource(URI.create(Provenance.LEDGER_SERVICE))
                .withTime(anchor.anchoredAt().atOffset(ZoneOffset.UTC))
                .withSubject(anchor.chainId())
                .withDataContentType(EnvelopeCodec.CONTENT_TYPE)
                .withData(WireJson.write(anchor))
                .build();
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            return serializer.serialize(Topics.LEDGER_CHECKPOINTS.name(), headers, event);
        }
    }

    /** Reads an anchor from a record of {@link Topics#LEDGER_CHECKPOINTS}; names what is wrong. */
    public static LedgerCheckpointAnchoredV1 decode(Headers headers, byte[] value) {
        EnvelopeCodec.requireHeaders(headers);
        CloudEvent event;
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            event = deserializer.deserialize(Topics.LEDGER_CHECKPOINTS.name(), headers, value);
        } catch (CloudEventRWException | IllegalArgumentException | IllegalStateException e) {
            throw new ContractViolationException("ce_headers", "are not a CloudEvents 1.0 binary event: "
                    + e.getMessage());
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new ContractViolationException("ce_specversion", "must be " + Envelope.SPEC_VERSION);
        }
        Provenance.check(Topics.LEDGER_CHECKPOINTS.name(), event.getType(), event.getSource().toString());
        if (event.getData() == null) {
            throw new ContractViolationException("data", "is empty");
        }
        LedgerCheckpointAnchoredV1 anchor = WireJson.read(event.getData().toBytes(),
                LedgerCheckpointAnchoredV1.class);
        if (!anchor.chainId().equals(event.getSubject())) {
            throw new ContractViolationException("ce_subject", "must equal the anchor's chainId");
        }
        return anchor;
    }
}
