package io.tollgate.eventing.deadletter;

import java.util.List;

/** Where a dead letter stands. The first three hold the later records of its key back. */
public enum DeadLetterStatus {
    /** Refused; waits for an operator. */
    OPEN,
    /** An operator asked for a retry; the consumer loop owning its partition carries it out. */
    RETRY_REQUESTED,
    /** An operator discarded it; the consumer loop releases what was parked behind it. */
    DISCARD_REQUESTED,
    /** Applied on retry; its parked records were released. */
    RETRIED,
    /** Discarded with a reason; its parked records were released. */
    DISCARDED;

    public static final List<DeadLetterStatus> HOLDING = List.of(OPEN, RETRY_REQUESTED, DISCARD_REQUESTED);

    public boolean holds() {
        return HOLDING.contains(this);
    }
}
