package io.tollgate.contracts;

import java.time.Instant;

/**
 * A wire event with its CloudEvents 1.0 attributes. {@code id} is a UUID and the idempotency key of
 * every consumer; {@code subject} is the order id and equals the Kafka key.
 */
public record Envelope(String id, String type, String source, Instant time, String subject,
                       WireEvent event) {

    public static final String SPEC_VERSION = "1.0";

    public Envelope {
        Require.eventId("ce_id", id);
        if (type == null || EventTypes.classOf(type).isEmpty()) {
            throw new ContractViolationException("ce_type", "is not a known event type: " + type);
        }
        if (source == null || source.isBlank()) {
            throw new ContractViolationException("ce_source", "is required");
        }
        if (time == null) {
            throw new ContractViolationException("ce_time", "is required");
        }
        if (event == null) {
            throw new ContractViolationException("data", "is required");
        }
        if (!EventTypes.typeOf(event).equals(type)) {
            throw new ContractViolationException("ce_type", "does not match the payload " + event.getClass().getSimpleName());
        }
        if (subject == null || !subject.equals(event.orderId())) {
            throw new ContractViolationException("ce_subject", "must equal the event's orderId");
        }
    }

    /** Wraps an event with the given id, naming its producer; type, time and subject come from it. */
    public static Envelope of(String id, String source, WireEvent event) {
        return new Envelope(id, EventTypes.typeOf(event), source, event.occurredAt(), event.orderId(), event);
    }
}
