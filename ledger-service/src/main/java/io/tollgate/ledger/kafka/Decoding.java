package io.tollgate.ledger.kafka;

import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoded Kafka events to the engine's input. The waits of an application, the scenarios and
 * documents supplied for it and those passed over after its decision ({@link
 * EventTypes#isWorkflow}) are workflow
 * between order-service and the regulator: they move no money and are no part of any entry, so
 * they never reach the engine (live or in a rebuild), which keeps balances and chain digests as if
 * they were not on the topics. They are verified and decoded like every record first, so a forged
 * or malformed one is still dead-lettered.
 */
final class Decoding {

    private Decoding() {
    }

    static List<LedgerEvent> toLedgerEvents(List<IncomingEvent> events) {
        List<LedgerEvent> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            LedgerEvent event = toLedgerEvent(e);
            if (event != null) {
                out.add(event);
            }
        }
        return out;
    }

    /**
     * One event with its source, the producer's verified signature included; null for an event the
     * ledger does not book (see the class comment), which callers skip.
     */
    static LedgerEvent toLedgerEvent(IncomingEvent e) {
        if (!booked(e.envelope().event())) {
            return null;
        }
        return new LedgerEvent(new SourceRef(e.eventId(), e.topic(), e.partition(), e.offset(), e.recordTime(),
                null, e.signature()), e.envelope().event());
    }

    /** False for the workflow events that move no money. */
    static boolean booked(WireEvent event) {
        return !EventTypes.isWorkflow(event);
    }
}
