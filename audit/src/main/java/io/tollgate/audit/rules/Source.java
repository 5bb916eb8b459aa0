package io.tollgate.audit.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event came from: its id, topic, partition, offset, Kafka record time and the principal
 * the event names (null when its producer left it out).
 */
public record Source(String eventId, String topic, int partition, long offset, Instant recordTime,
                     String principal) {

    public Source {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordTime, "recordTime");
    }
}
