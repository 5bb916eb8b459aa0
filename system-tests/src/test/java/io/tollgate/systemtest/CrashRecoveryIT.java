package io.tollgate.systemtest;

import static io.tollgate.systemtest.OrderLine.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.RevenueShare;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Journey 3: services are killed with SIGKILL in the middle of a journey and restarted
 * on the same data folder. Orders submitted while a service was down or in flight are neither lost nor
 * duplicated: counted per customer, per order in its history, in the regulator's decisions and
 * in the ledger's entries; the ledger's balances still follow the posting rules to the cent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryIT {

    private static final Logger LOG = Logger.getLogger(CrashRecoveryIT.class.getName());
    private static final String USD = "USD";
    /** How long a client keeps retrying one request while a service is down and restarting. */
    private static final Duration RETRY_BOUND = Duration.ofSeconds(240);
    /** An application's history rows from receipt to grant, its two documents supplied one by one. */
    private static final List<String> APPLICATION_HISTORY = List.of("RECEIVED", "DOCUMENTS_REQUESTED",
        "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "GRANTED");

    private TollgateStack stack;
    private OrderApi orders;
    private RegulatorApi regulator;
    private Compliance compliance;
    private LedgerApi ledger;
    private BigDecimal rate;
    private String payee;
    /** What the ledger must hold for every order of this class (the tests share one stack). */
    private final ExpectedLedger expected = new ExpectedLedger(USD);
    /** Order id → the payments made on it, for every order of this class. */
    private final Map<String, List<Money>> paymentsByOrder = new LinkedHashMap<>();
    private final ExecutorService erp = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "erp-client");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    void startStack() {
        // Parts of 2 lines (128 by default; 16 threads put about 32 lines in a group commit), so the
        // batch case's 300 lines take many commits and the kill lands while some are still pending.
        stack = TollgateStack.start("crash-recovery", Map.of("TOLLGATE_ORDER_BATCH_LINES_PER_COMMIT", "2"));
        orders = new OrderApi(stack);
        regulator = new RegulatorApi(stack);
        ledger = new LedgerApi(stack);
        JsonNode policy = regulator.policy();
        rate = RevenueShare.parseRate(policy.path("revenueShareRate").asText());
        payee = policy.path("payee").asText();
        for (String customer : List.of("crash-intake", "crash-stream", "crash-batch")) {
            regulator.designate(customer, "Customer " + customer, "CN");
        }
        compliance = new Compliance(stack);
        compliance.reportAmpleUsShipments("H200-NVL");
    }

    @AfterAll
    void stopStack() {
        erp.shutdownNow();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void orderServiceKilledWhileOrdersAreSubmittedLosesAndDuplicatesNothing() throws Exception {
        // given an ERP that submits 12 orders one after another, retrying each (same key) until accepted
        int count = 12;
        Map<String, OrderLine> lines = lines("crash-intake", "CI", count);
        Map<String, String> accepted = new ConcurrentHashMap<>();
        Future<?> submitting = erp.submit(() -> lines.forEach((key, line) -> accepted.put(key,
            submitUntilAccepted(key, line))));

        // when order-service is killed once a few are in, mid-stream, and restarted on its data
        await("first orders accepted").atMost(Waits.STEP).until(() -> accepted.size() >= 4 || submitting.isDone());
        stack.order().kill();
        LOG.info(() -> "order-service killed after " + accepted.size() + " accepted orders");
        stack.restart(stack.order());
        submitting.get(RETRY_BOUND.toSeconds(), TimeUnit.SECONDS);

        // then each order order-service holds is authorized once, and the ledger posts each once
        Map<String, String> held = new LinkedHashMap<>();
        for (JsonNode order : orders.ordersOf("crash-intake")) {
            held.put("key-" + order.path("erpReference").asText(), order.path("orderId").asText());
        }
        supplyDocuments(held.values());
        assertEachAuthorizedOnce(held, lines);
        assertLedgerFollowsThePostingRules();
        held.values().forEach(this::assertLedgerEntriesOf);

        // and nothing acknowledged was lost: every 202 names an order that still exists, the same
        // key names the same order when asked again, and there is exactly one order per key
        assertThat(accepted).hasSize(count);
        for (Map.Entry<String, String> entry : accepted.entrySet()) {
            Http.Reply order = orders.find(entry.getValue());
            assertThat(order.status()).as("order " + entry.getValue() + " (" + entry.getKey() + ") was"
                + " acknowledged with 202 before or during the crash; after the restart it answers " + order.raw())
                .isEqualTo(200);
        }
        for (Map.Entry<String, OrderLine> entry : lines.entrySet()) {
            assertThat(orders.submitAccepted(entry.getKey(), entry.getValue())).as(entry.getKey())
                .isEqualTo(accepted.get(entry.getKey()));
        }
        assertThat(held).hasSize(count);
        assertThat(held.values()).containsExactlyInAnyOrderElementsOf(accepted.values());
    }

    @Test
    @Order(2)
    void regulatorAndLedgerKilledMidStreamDecideAndPostEverythingExactlyOnceAfterRestart() {
        // given authorized orders, remittances the ledger is consuming, and new orders in flight
        Map<String, OrderLine> paid = lines("crash-stream", "CS-A", 8);
        Map<String, String> paidIds = new LinkedHashMap<>();
        paid.forEach((key, line) -> paidIds.put(key, orders.submitAccepted(key, line)));
        supplyDocuments(paidIds.values());
        assertEachAuthorizedOnce(paidIds, paid);
        payQuarterOfDue(paidIds, paid, "1");
        Map<String, OrderLine> inFlight = lines("crash-stream", "CS-B", 6);
        Map<String, String> inFlightIds = new LinkedHashMap<>();
        inFlight.forEach((key, line) -> inFlightIds.put(key, orders.submitAccepted(key, line)));

        // when both consumers of the stream are killed at once (one stall of their consumer groups,
        // not two), more happens while they are down, and they are restarted on their data
        stack.regulator().kill();
        stack.ledger().kill();
        payQuarterOfDue(paidIds, paid, "2");
        Map<String, OrderLine> whileDown = lines("crash-stream", "CS-C", 4);
        Map<String, String> whileDownIds = new LinkedHashMap<>();
        whileDown.forEach((key, line) -> whileDownIds.put(key, orders.submitAccepted(key, line)));
        for (String orderId : whileDownIds.values()) {
            assertThat(orders.status(orderId)).as("undecided while the regulator is down").isEqualTo("REQUESTED");
        }
        stack.restart(stack.regulator(), stack.ledger());

        // then each order is decided once (one grant per application, one authorization per order),
        // and the ledger holds each entry once: balances, per-order entries and chains all agree
        Map<String, String> all = new LinkedHashMap<>(paidIds);
        all.putAll(inFlightIds);
        all.putAll(whileDownIds);
        Map<String, OrderLine> allLines = new LinkedHashMap<>(paid);
        allLines.putAll(inFlight);
        allLines.putAll(whileDown);
        assertThat(idsOf(orders.ordersOf("crash-stream"))).containsExactlyInAnyOrderElementsOf(all.values());
        supplyDocuments(inFlightIds.values());
        supplyDocuments(whileDownIds.values());
        assertEachAuthorizedOnce(all, allLines);
        assertLedgerFollowsThePostingRules();
        all.values().forEach(this::assertLedgerEntriesOf);
        JsonNode verify = ledger.verify();
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
    }

    // --- steps -----------------------------------------------------------------------------------

    /** {@code count} H200 orders below the review threshold, keyed by their Idempotency-Key. */
    @Test
    @Order(3)
    void orderServiceKilledMidBatchFinishesItWithOneOrderPerLine() {
        // given a batch of 300 order lines, answered 202 (stored) before any order exists
        int count = 300;
        Map<String, OrderLine> lines = lines("crash-batch", "CB", count);
        String batchId = orders.uploadBatch("batch-crash-1", lines).expect(202).text("batchId");

        // when order-service is killed once some lines are orders, and restarted on its data
        await("first lines of the batch are orders").atMost(Waits.STEP).pollInterval(Duration.ofMillis(50))
            .until(() -> orders.batch(batchId).path("accepted").asInt() >= 10);
        JsonNode atKill = orders.batch(batchId);
        stack.order().kill();
        LOG.info(() -> "order-service killed mid-batch " + batchId + " at " + atKill);
        assertThat(atKill.path("pending").asInt()).as("lines still pending when order-service was killed")
            .isPositive();
        stack.restart(stack.order());

        // then the batch is finished after the restart (its lease runs out first): every line
        // accepted, one order per line, and the same upload again answers the same batch
        JsonNode done = await("batch finished after the restart").atMost(RETRY_BOUND).pollInterval(Waits.POLL)
            .until(() -> orders.batch(batchId), b -> "DONE".equals(b.path("state").asText()));
        assertThat(done.path("accepted").asInt()).isEqualTo(count);
        assertThat(done.path("rejected").asInt()).isZero();
        Map<String, String> held = new LinkedHashMap<>();
        for (JsonNode order : orders.ordersOf("crash-batch")) {
            held.put("key-" + order.path("erpReference").asText(), order.path("orderId").asText());
        }
        assertThat(held).hasSize(count);
        assertThat(idsOf(orders.ordersOf("crash-batch"))).hasSize(count);
        assertThat(orders.uploadBatch("batch-crash-1", lines).expect(202).text("batchId")).isEqualTo(batchId);
        supplyDocuments(held.values());
        assertEachAuthorizedOnce(held, lines);
        assertLedgerFollowsThePostingRules();
    }

    private static Map<String, OrderLine> lines(String customer, String prefix, int count) {
        Map<String, OrderLine> lines = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String reference = prefix + "-" + i;
            // Prices with odd cents, so every share needs the contract's rounding.
            OrderLine line = OrderLine.h200(customer, "Customer " + customer, "H200-NVL", 10 + i,
                "2899" + i + ".3" + (i % 10), reference);
            lines.put("key-" + reference, line);
        }
        return lines;
    }

    /** Retries one submission with the same key while order-service is down, restarting or failing. */
    private String submitUntilAccepted(String key, OrderLine line) {
        AtomicReference<String> orderId = new AtomicReference<>();
        await("order " + key + " accepted").atMost(RETRY_BOUND).pollInterval(Duration.ofMillis(200))
            .until(() -> {
                try {
                    Http.Reply reply = orders.submit(key, line);
                    if (reply.status() == 202) {
                        orderId.set(reply.text("orderId"));
                        return true;
                    }
                    if (reply.status() >= 500 || reply.status() == 409 && reply.raw().contains("BUSY")) {
                        return false; // the service is still starting, or the key's winner commits
                    }
                    throw new AssertionError("order " + key + " refused: " + reply.status() + " " + reply.raw());
                } catch (UncheckedIOException down) {
                    return false; // refused or reset: the service is down or was killed mid-request
                }
            });
        return orderId.get();
    }

    /** Compliance supplies the two documents each order's application waits for. */
    private void supplyDocuments(java.util.Collection<String> orderIds) {
        orderIds.forEach(orderId -> compliance.supplyDocumentsWhenAsked(regulator, orderId));
    }

    /**
     * Each order authorized with its share due, with exactly one request, the two waits for
     * documents (both, then the one left), one authorization and its remittances in its history
     * (no ignored second decision); each application granted exactly once, after its documents.
     */
    private void assertEachAuthorizedOnce(Map<String, String> accepted, Map<String, OrderLine> lines) {
        for (Map.Entry<String, String> entry : accepted.entrySet()) {
            OrderLine line = lines.get(entry.getKey());
            String orderId = entry.getValue();
            JsonNode view = Waits.orderStatus(orders, orderId, "AUTHORIZED");
            Money due = line.share(rate);
            assertThat(OrderApi.money(view, "grossAmount")).isEqualTo(line.gross());
            assertThat(OrderApi.money(view, "revenueShareDue")).isEqualTo(due);
            List<String> history = new ArrayList<>(List.of("OrderRequested", "AuthorizationPending",
                "AuthorizationPending", "OrderAuthorized"));
            paymentsByOrder.getOrDefault(orderId, List.of()).forEach(p -> history.add("RevenueSharePaid"));
            assertThat(historyTypes(view)).as("history of " + orderId).containsExactlyElementsOf(history);
            JsonNode application = Waits.applicationStatus(regulator, orderId, "GRANTED");
            assertThat(regulatorEvents(application)).as(orderId).containsExactlyElementsOf(APPLICATION_HISTORY);
            if (!paymentsByOrder.containsKey(orderId)) {
                paymentsByOrder.put(orderId, new ArrayList<>());
                expected.authorized(line, due, payee);
            }
        }
    }

    private void payQuarterOfDue(Map<String, String> accepted, Map<String, OrderLine> lines, String round) {
        for (Map.Entry<String, String> entry : accepted.entrySet()) {
            Money due = lines.get(entry.getKey()).share(rate);
            Money amount = Money.of(due.value().divide(BigDecimal.valueOf(4), 0, java.math.RoundingMode.DOWN),
                USD);
            String reference = "UST-" + entry.getKey() + "-" + round;
            orders.pay(entry.getValue(), "pay-" + reference, amount, reference).expect(202);
            paymentsByOrder.get(entry.getValue()).add(amount);
            expected.paid(amount, payee);
        }
    }

    private static List<String> historyTypes(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.path("history").forEach(h -> types.add(h.path("type").asText()));
        return types;
    }

    private static List<String> regulatorEvents(JsonNode application) {
        List<String> events = new ArrayList<>();
        application.path("history").forEach(h -> events.add(h.path("event").asText()));
        return events;
    }

    private static Set<String> idsOf(List<JsonNode> orders) {
        Set<String> ids = new HashSet<>();
        orders.forEach(o -> ids.add(o.path("orderId").asText()));
        assertThat(ids).as("order ids in the list are distinct").hasSize(orders.size());
        return ids;
    }

    private void assertLedgerFollowsThePostingRules() {
        AtomicReference<String> diff = new AtomicReference<>("");
        try {
            await("ledger balances as the posting rules give").atMost(Waits.STEP).pollInterval(Waits.POLL)
                .until(() -> {
                    diff.set(expected.differences(ledger.balances(USD)));
                    return diff.get().isEmpty();
                });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("ledger balances differ from the posting rules:\n" + diff.get(), e);
        }
    }

    /** One authorization entry and one payment entry per remittance, nothing else, for the order. */
    private void assertLedgerEntriesOf(String orderId) {
        List<String> kinds = new ArrayList<>();
        kinds.add("AUTHORIZATION");
        paymentsByOrder.get(orderId).forEach(payment -> kinds.add("PAYMENT"));
        assertThat(ledger.entryKinds(orderId)).as("journal entries of " + orderId)
            .containsExactlyInAnyOrderElementsOf(kinds);
        Money paid = paymentsByOrder.get(orderId).stream().reduce(Money.zero(USD), Money::plus);
        assertThat(ledger.creditBalance(orderId, ExpectedLedger.CASH)).as("cash remitted for " + orderId)
            .isEqualByComparingTo(paid.value());
    }
}
