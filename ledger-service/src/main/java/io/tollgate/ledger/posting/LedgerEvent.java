package io.tollgate.ledger.posting;

import io.tollgate.contracts.WireEvent;
import java.util.Objects;

/** One decoded wire event with its source: the input of the posting engine. */
public record LedgerEvent(SourceRef source, WireEvent event) {

    public LedgerEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(event, "event");
    }

    public String eventId() {
        return source.eventId();
    }

    public String orderId() {
        return event.orderId();
    }
}
