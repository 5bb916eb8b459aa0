package io.tollgate.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.WireEvent;
import io.tollgate.ledger.journal.JournalEntry;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Histories;
import io.tollgate.ledger.testing.InMemoryLedger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Order requests are read in both wire versions: a recorded history of V1 requests replays to the
 * same entries, balances and digest as the same history with every request published as the V2
 * its V1 upcasts to — and as V2 requests to other destinations with parties, which the ledger
 * books by the same fields (what an order ships to is the regulator's business, not the ledger's).
 */
class OrderRequestedVersionsTest {

    @Provide
    Arbitrary<List<Histories.OrderSpec>> histories() {
        return Histories.orders().list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 200)
    void aV1HistoryReplaysToTheSameBalancesAsItsV2Upcast(@ForAll("histories") List<Histories.OrderSpec> specs,
                                                         @ForAll long layoutSeed, @ForAll long seed) {
        // given a recorded V1 history, and the same records as V2
        Map<String, List<LedgerEvent>> v1 = Histories.partitionLogs(specs, layoutSeed, 100);
        Map<String, List<LedgerEvent>> upcast = rewriteRequests(v1, false);
        Map<String, List<LedgerEvent>> elsewhere = rewriteRequests(v1, true);

        // when each is replayed in the same order
        InMemoryLedger fromV1 = replay(Histories.interleave(v1, seed));
        InMemoryLedger fromUpcast = replay(Histories.interleave(upcast, seed));
        InMemoryLedger fromElsewhere = replay(Histories.interleave(elsewhere, seed));

        // then
        for (InMemoryLedger v2 : List.of(fromUpcast, fromElsewhere)) {
            assertThat(hashes(v2)).isEqualTo(hashes(fromV1));
            assertThat(v2.balances().lines()).isEqualTo(fromV1.balances().lines());
            assertThat(v2.balances().digest()).isEqualTo(fromV1.balances().digest());
            assertThat(v2.parked()).isEqualTo(fromV1.parked());
        }
    }

    @Property(tries = 50)
    void theHistoriesReallyHoldV1Requests(@ForAll("histories") List<Histories.OrderSpec> specs, @ForAll long seed) {
        // A guard on the test above: it compares V1 with V2 only if the history has V1 requests.
        List<LedgerEvent> events = Histories.interleave(Histories.partitionLogs(specs, seed, 100), seed);
        long requests = specs.stream().filter(Histories.OrderSpec::requestPublished).count();
        assertThat(events.stream().filter(e -> e.event() instanceof OrderRequestedV1).map(LedgerEvent::orderId)
                .distinct().count()).isEqualTo(requests);
    }

    private static Map<String, List<LedgerEvent>> rewriteRequests(Map<String, List<LedgerEvent>> logs,
                                                                  boolean elsewhere) {
        Map<String, List<LedgerEvent>> out = new LinkedHashMap<>();
        logs.forEach((partition, events) -> {
            List<LedgerEvent> rewritten = new ArrayList<>();
            for (LedgerEvent e : events) {
                WireEvent event = e.event();
                if (event instanceof OrderRequestedV1 r) {
                    event = elsewhere ? toMalaysia(r.asV2()) : r.asV2();
                }
                rewritten.add(new LedgerEvent(e.source(), event));
            }
            out.put(partition, rewritten);
        });
        return out;
    }

    private static OrderRequestedV2 toMalaysia(OrderRequestedV2 r) {
        return new OrderRequestedV2(r.orderId(), r.customerId(), r.customerName(), r.productSku(), r.productFamily(),
                r.quantity(), r.unitPrice(), r.grossAmount(), r.usageScenario(), r.erpReference(), r.occurredAt(),
                r.requestedBy(), "MY", TransactionKind.REEXPORT, "MY", "SG");
    }

    private static InMemoryLedger replay(List<LedgerEvent> events) {
        InMemoryLedger ledger = InMemoryLedger.withoutTimeouts();
        ledger.post(events, Events.T0, false);
        return ledger;
    }

    private static List<String> hashes(InMemoryLedger ledger) {
        return ledger.journal().stream().map(JournalEntry::hashHex).toList();
    }
}
