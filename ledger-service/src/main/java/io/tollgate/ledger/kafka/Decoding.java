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
            out.add(new LedgerEvent(new SourceRef(e.eventId(), e.topic(), e.partition(), e.offset(), e.recordTime()),
                    e.envelope().event()));
        }
        return out;
    }
}
