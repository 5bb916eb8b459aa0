package io.tollgate.eventing.kafka;

import io.tollgate.contracts.Envelope;
import java.time.Instant;

/**
 * A decoded event with where it came from.
 *
 * @param recordTime the Kafka record timestamp (when the broker or producer stamped it)
 */
public record IncomingEvent(Envelope envelope, String topic, int partition, long offset,
                            Instant recordTime) {

    public String eventId() {
        return envelope.id();
    }
}
