package io.tollgate.eventing.kafka;

import io.tollgate.contracts.Envelope;
import java.time.Instant;

/**
 * A decoded, verified event with where it came from.
 *
 * @param recordTime the Kafka record timestamp (when the broker or producer stamped it)
 * @param signature the record's verified {@code dssematerial} (Base64 DSSE envelope naming the
 *                  producer's key id): evidence of which service said this; null only where a test
 *                  builds an event by hand
 */
public record IncomingEvent(Envelope envelope, String topic, int partition, long offset,
                            Instant recordTime, String signature) {

    /** An event without its signature (tests that build events by hand). */
    public IncomingEvent(Envelope envelope, String topic, int partition, long offset, Instant recordTime) {
        this(envelope, topic, partition, offset, recordTime, null);
    }

    public String eventId() {
        return envelope.id();
    }
}
