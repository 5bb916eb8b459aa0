package io.tollgate.ledger.posting;

import io.tollgate.eventing.kafka.RejectedEventException;

/**
 * An event the ledger understood but cannot hold (a value beyond a stated limit). Raised before
 * anything of its batch is written, so the consumer loop can isolate and dead-letter exactly this
 * record; a rebuild skips and reports it the same way.
 */
public final class UnpostableEventException extends RejectedEventException {

    private final String eventId;

    public UnpostableEventException(LedgerLimits.Violation violation, String eventId, String reason) {
        super(violation.code(), reason);
        this.eventId = eventId;
    }

    /** The refused event's id (the CloudEvents id). */
    public String eventId() {
        return eventId;
    }
}
