package io.tollgate.ledger.kafka;

import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import java.util.ArrayList;
import java.util.List;

/** Decoded Kafka events to the engine's input. */
final class Decoding {

    private Decoding() {
    }

    static List<LedgerEvent> toLedgerEvents(List<IncomingEvent> events) {
        List<LedgerEvent> out = new ArrayList<>(events.size());
        for (IncomingEvent e : events) {
            out.add(toLedgerEvent(e));
        }
        return out;
    }

    /** One event with its source, the producer's verified signature included. */
    static LedgerEvent toLedgerEvent(IncomingEvent e) {
        return new LedgerEvent(new SourceRef(e.eventId(), e.topic(), e.partition(), e.offset(), e.recordTime(),
                null, e.signature()), e.envelope().event());
    }
}
