package io.tollgate.systemtest;

import static io.tollgate.systemtest.OrderLine.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.RevenueShare;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Journey 2: the ledger rebuilt from the Kafka topics — on request, and wiped and restarted with an
 * empty database — reaches the same balances, digest, summary and per-order entries as the live
 * ledger had, and then goes on posting new events exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerRebuildIT {

    private static final String USD = "USD";

    private TollgateStack stack;
    private OrderApi orders;
    private RegulatorApi regulator;
    private Compliance compliance;
    private LedgerApi ledger;
    private BigDecimal rate;
    private String payee;
    private final ExpectedLedger expected = new ExpectedLedger(USD);
    /** What the live ledger said before any rebuild. */
    private JsonNode liveBalances;
    private JsonNode liveSummary;
    private final Map<String, List<String>> liveEntryKinds = new LinkedHashMap<>();

    @BeforeAll
    void startStackAndPlayAHistory() {
        stack = TollgateStack.start("ledger-rebuild");
        orders = new OrderApi(stack);
        regulator = new RegulatorApi(stack);
        ledger = new LedgerApi(stack);
        JsonNode policy = regulator.policy();
        rate = RevenueShare.parseRate(policy.path("revenueShareRate").asText());
        payee = policy.path("payee").asText();
        regulator.designate("rebuild-a", "Rebuild A Ltd.", "CN");
        regulator.designate("rebuild-b", "Rebuild B Ltd.", "CN");
        compliance = new Compliance(stack);
        compliance.reportAmpleUsShipments("H200-NVL", "H200-SXM-141GB");

        // granted and partly paid, granted and settled, granted and cancelled, two denials
        String partlyPaid = authorized(OrderLine.h200("rebuild-a", "Rebuild A Ltd.", "H200-NVL", 77, "28999.99",
            "RB-1"));
        String settled = authorized(OrderLine.h200("rebuild-b", "Rebuild B Ltd.", "H200-SXM-141GB", 3, "31500.33",
            "RB-2"));
        String cancelled = authorized(OrderLine.h200("rebuild-a", "Rebuild A Ltd.", "H200-NVL", 5, "29000.00",
            "RB-3"));
        denied(OrderLine.h200("rebuild-b", "Rebuild B Ltd.", "VR200", 8, "60000.00", "RB-4"));
        denied(OrderLine.h200("nobody", "Not Designated Inc.", "H200-NVL", 8, "28900.00", "RB-5"));
        pay(partlyPaid, "UST-RB-1", usd("100000.01"));
        pay(settled, "UST-RB-2", RevenueShare.of(usd("31500.33").times(3), rate));
        orders.cancel(cancelled).expect(202);
        expected.reversed(OrderLine.h200("rebuild-a", "Rebuild A Ltd.", "H200-NVL", 5, "29000.00", "RB-3"),
            RevenueShare.of(usd("29000.00").times(5), rate), payee);
        Waits.orderStatus(orders, settled, "SETTLED");

        liveBalances = awaitBalancesAsTheRulesGive();
        liveSummary = ledger.summary(USD);
        for (JsonNode order : orders.ordersOf("rebuild-a")) {
            liveEntryKinds.put(order.path("orderId").asText(), null);
        }
        for (String customer : List.of("rebuild-b", "nobody")) {
            orders.ordersOf(customer).forEach(o -> liveEntryKinds.put(o.path("orderId").asText(), null));
        }
        liveEntryKinds.replaceAll((orderId, none) -> ledger.entryKinds(orderId));
        assertThat(liveEntryKinds).hasSize(5);
        assertThat(ledger.verify().path("ok").asBoolean()).isTrue();
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRebuildOnRequestReachesTheLiveDigestBalancesAndEntries() {
        // when
        Http.Reply started = ledger.startRebuild();

        // then: a job, followed to its end, whose new generation has the live digest
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String location = started.location().orElseThrow();
        await("the rebuild job ends").atMost(Waits.STEP).pollInterval(Waits.POLL)
            .until(() -> !ledger.rebuildJob(location).path("state").asText().matches("RUNNING|CANCELLING"));
        JsonNode job = ledger.rebuildJob(location);
        assertThat(job.path("state").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("outcome").path("digest").asText()).isEqualTo(liveBalances.path("digest").asText());
        assertThat(job.path("outcome").path("previousDigest").asText())
            .isEqualTo(liveBalances.path("digest").asText());
        assertSameAsLive();
    }

    @Test
    @Order(2)
    void aWipedLedgerRestartedOnAnEmptyDatabaseRebuildsFromKafkaToTheSameDigest() {
        // given the ledger stopped (gracefully: its consumer leaves the group, so the restarted one
        // is assigned the partitions at once; crashes are CrashRecoveryIT's) and its database deleted
        stack.ledger().stop();
        stack.ledger().wipeData();

        // when
        stack.restart(stack.ledger());

        // then (the rebuild runs in the background of the start; wait for it, then compare everything)
        awaitDigest(liveBalances.path("digest").asText());
        await("the rebuilt ledger equals the live one").atMost(Waits.STEP).pollInterval(Waits.POLL)
            .untilAsserted(this::assertSameAsLive);
    }

    @Test
    @Order(3)
    void afterTheRebuildNewEventsArePostedLiveExactlyOnce() {
        // when
        OrderLine line = OrderLine.h200("rebuild-b", "Rebuild B Ltd.", "H200-NVL", 9, "28999.97", "RB-6");
        String orderId = authorized(line);
        pay(orderId, "UST-RB-6", usd("1.00"));

        // then
        awaitBalancesAsTheRulesGive();
        assertThat(ledger.entryKinds(orderId)).containsExactlyInAnyOrder("AUTHORIZATION", "PAYMENT");
        liveEntryKinds.forEach((id, kinds) ->
            assertThat(ledger.entryKinds(id)).as(id).containsExactlyInAnyOrderElementsOf(kinds));
        assertThat(ledger.verify().path("ok").asBoolean()).isTrue();
    }

    // --- steps -----------------------------------------------------------------------------------

    private String authorized(OrderLine line) {
        String orderId = orders.submitAccepted("key-" + line.erpReference(), line);
        compliance.supplyDocumentsWhenAsked(regulator, orderId);
        Waits.orderStatus(orders, orderId, "AUTHORIZED");
        expected.authorized(line, line.share(rate), payee);
        return orderId;
    }

    private void denied(OrderLine line) {
        String orderId = orders.submitAccepted("key-" + line.erpReference(), line);
        Waits.orderStatus(orders, orderId, "DENIED");
    }

    private void pay(String orderId, String treasuryReference, Money amount) {
        orders.pay(orderId, "pay-" + treasuryReference, amount, treasuryReference).expect(202);
        expected.paid(amount, payee);
    }

    /** Balances, digest, summary and each order's entries are what the live ledger had. */
    private void assertSameAsLive() {
        JsonNode balances = ledger.balances(USD);
        assertThat(balances.path("digest").asText()).isEqualTo(liveBalances.path("digest").asText());
        assertThat(balances.path("accounts")).isEqualTo(liveBalances.path("accounts"));
        assertThat(expected.differences(balances)).isEmpty();
        assertThat(ledger.summary(USD)).isEqualTo(liveSummary);
        liveEntryKinds.forEach((orderId, kinds) ->
            assertThat(ledger.entryKinds(orderId)).as(orderId).containsExactlyInAnyOrderElementsOf(kinds));
        JsonNode verify = ledger.verify();
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    private void awaitDigest(String digest) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await("ledger digest after the rebuild").atMost(Waits.STEP).pollInterval(Waits.POLL).until(() -> {
                last.set(ledger.balances(USD).path("digest").asText());
                return digest.equals(last.get());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("digest " + last.get() + " never reached the live " + digest + "; balances: "
                + ledger.balances(USD), e);
        }
    }

    private JsonNode awaitBalancesAsTheRulesGive() {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        AtomicReference<String> diff = new AtomicReference<>("");
        try {
            await("ledger balances as the posting rules give").atMost(Waits.STEP).pollInterval(Waits.POLL)
                .until(() -> {
                    last.set(ledger.balances(USD));
                    diff.set(expected.differences(last.get()));
                    return diff.get().isEmpty();
                });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("ledger balances differ from the posting rules:\n" + diff.get(), e);
        }
        return last.get();
    }
}
