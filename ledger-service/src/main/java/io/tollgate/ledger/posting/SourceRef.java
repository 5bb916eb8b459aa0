package io.tollgate.ledger.posting;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event came from: its id (the idempotency key), topic, partition and offset, and the Kafka
 * record time (what park timeouts are measured from, so a rebuild reaches the same timeouts).
 */
public record SourceRef(String eventId, String topic, int partition, long offset, Instant recordTime) {

    public SourceRef {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(recordTime, "recordTime");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must not be negative");
        }
    }

    /** The hash chain this source writes to: one per topic partition. */
    public String chainId() {
        return topic + "/" + partition;
    }
}
