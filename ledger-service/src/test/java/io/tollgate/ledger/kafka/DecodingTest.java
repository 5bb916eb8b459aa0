package io.tollgate.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What of the decoded records reaches the posting engine. */
class DecodingTest {

    private static final Instant AT = Instant.parse("2026-02-01T10:00:00Z");

    @Test
    void waitsSuppliesAndPassedOverSuppliesNeverReachTheEngineSoTheJournalIsTheSameWithoutThem() {
        // given one order's history with the application's waits, the ERP's scenario and document,
        // and a document passed over after the grant
        String order = "order-" + UUID.randomUUID();
        List<WireEvent> withWorkflow = List.of(Events.requested(order, "cust-1", "1000.00", "USD"),
                new AuthorizationPendingV1(order, AuthorizationPendingV1.USAGE_SCENARIO, "CN_IMPORT",
                        "USAGE_SCENARIO_MISSING", "at least 40 characters", "2026-01-15.1", null, AT),
                new UsageScenarioSuppliedV1(order, "LLM inference for search", "erp", AT),
                new DocumentSuppliedV1(order, DocumentKind.LAB_TEST_REPORT, "US Labs", LocalDate.parse("2026-01-30"),
                        LocalDate.parse("2026-03-30"), "LAB-1", "ab".repeat(32), "erp", AT),
                Events.granted(order, "a-" + order),
                new SupplyPassedOverV1(order, SupplyPassedOverV1.DOCUMENT, UUID.randomUUID().toString(),
                        DocumentKind.LAB_TEST_REPORT, "GRANTED", AT));

        List<IncomingEvent> records = incoming(withWorkflow);

        // when the history is decoded and posted, and the same records without the workflow ones
        List<LedgerEvent> decoded = Decoding.toLedgerEvents(records);
        List<JournalEntry> withIt = InMemoryLedger.withoutTimeouts().post(decoded, AT, false);
        List<JournalEntry> without = InMemoryLedger.withoutTimeouts().post(
                Decoding.toLedgerEvents(List.of(records.get(0), records.get(4))), AT, false);

        // then only the request and the grant reached the engine, and the chain is the same to the hash
        assertThat(decoded).extracting(e -> e.event().getClass().getSimpleName())
                .containsExactly("OrderRequestedV1", "AuthorizationGrantedV1");
        assertThat(withIt).hasSize(1).extracting(JournalEntry::hashHex)
                .isEqualTo(without.stream().map(JournalEntry::hashHex).toList());
        assertThat(Decoding.toLedgerEvent(records.get(1))).isNull();
        assertThat(Decoding.toLedgerEvent(records.get(2))).isNull();
        assertThat(Decoding.toLedgerEvent(records.get(3))).isNull();
        assertThat(Decoding.toLedgerEvent(records.get(5))).isNull();
    }

    /** Each event as the loop hands it over, at consecutive offsets of its topic's partition 0. */
    private static List<IncomingEvent> incoming(List<WireEvent> events) {
        List<IncomingEvent> out = new ArrayList<>();
        long offset = 0;
        for (WireEvent e : events) {
            Envelope envelope = Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(e), e);
            out.add(new IncomingEvent(envelope, EventTypes.topicOf(e).name(), 0, offset++, AT));
        }
        return out;
    }
}
