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
 * Journey 3: each service in turn is killed with SIGKILL in the middle of a journey and restarted
 * on the same data folder. Orders submitted while it was down or in flight are neither lost nor
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

    private TollgateStack stack;
    private OrderApi orders;
    private RegulatorApi regulator;
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
        stack = TollgateStack.start("crash-recovery");
        orders = new OrderApi(stack);
        regulator = new RegulatorApi(stack);
        ledger = new LedgerApi(stack);
        JsonNode policy = regulator.policy();
        rate = RevenueShare.parseRate(policy.path("revenueShareRate").asText());
        payee = policy.path("payee").asText();
        for (String customer : List.of("crash-intake", "crash-decide", "crash-ledger")) {
            regulator.designate(customer, "Customer " + customer, "CN");
        }
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

        // then every key names one order, the same again when asked again, and there are no others
        assertThat(accepted).hasSize(count);
        assertThat(new HashSet<>(accepted.values())).hasSize(count);
        for (Map.Entry<String, OrderLine> entry : lines.entrySet()) {
            assertThat(orders.submitAccepted(entry.getKey(), entry.getValue()))
                .isEqualTo(accepted.get(entry.getKey()));
        }
        assertThat(idsOf(orders.ordersOf("crash-intake"))).containsExactlyInAnyOrderElementsOf(accepted.values());
        assertEachAuthorizedOnce(accepted, lines);
        assertLedgerFollowsThePostingRules();
        accepted.values().forEach(this::assertLedgerEntriesOf);
    }

    @Test
    @Order(2)
    void regulatorKilledWhileDecidingDecidesEveryOrderExactlyOnceAfterRestart() {
        // given orders in flight to the regulator
        Map<String, OrderLine> before = lines("crash-decide", "CD-A", 6);
        Map<String, String> accepted = new LinkedHashMap<>();
        before.forEach((key, line) -> accepted.put(key, orders.submitAccepted(key, line)));

        // when the regulator is killed, more orders come in while it is down, and it is restarted
        stack.regulator().kill();
        Map<String, OrderLine> whileDown = lines("crash-decide", "CD-B", 6);
        whileDown.forEach((key, line) -> accepted.put(key, orders.submitAccepted(key, line)));
        for (String key : whileDown.keySet()) {
            assertThat(orders.status(accepted.get(key))).isEqualTo("REQUESTED");
        }
        stack.restart(stack.regulator());

        // then each is decided once: one grant per application, one authorization per order
        Map<String, OrderLine> all = new LinkedHashMap<>(before);
        all.putAll(whileDown);
        assertThat(idsOf(orders.ordersOf("crash-decide"))).containsExactlyInAnyOrderElementsOf(accepted.values());
        assertEachAuthorizedOnce(accepted, all);
        assertLedgerFollowsThePostingRules();
        accepted.values().forEach(this::assertLedgerEntriesOf);
    }

    @Test
    @Order(3)
    void ledgerKilledMidStreamPostsEveryEntryExactlyOnceAfterRestart() {
        // given authorized orders and a stream of remittances the ledger is consuming
        Map<String, OrderLine> first = lines("crash-ledger", "CL-A", 8);
        Map<String, String> accepted = new LinkedHashMap<>();
        first.forEach((key, line) -> accepted.put(key, orders.submitAccepted(key, line)));
        assertEachAuthorizedOnce(accepted, first);
        payQuarterOfDue(accepted, first, "A");

        // when the ledger is killed mid-stream, more happens while it is down, and it is restarted
        stack.ledger().kill();
        payQuarterOfDue(accepted, first, "B");
        Map<String, OrderLine> whileDown = lines("crash-ledger", "CL-B", 4);
        Map<String, String> acceptedWhileDown = new LinkedHashMap<>();
        whileDown.forEach((key, line) -> acceptedWhileDown.put(key, orders.submitAccepted(key, line)));
        assertEachAuthorizedOnce(acceptedWhileDown, whileDown);
        payQuarterOfDue(acceptedWhileDown, whileDown, "C");
        stack.restart(stack.ledger());

        // then the ledger holds each entry once: balances, per-order entries and chains all agree
        assertLedgerFollowsThePostingRules();
        accepted.putAll(acceptedWhileDown);
        for (String orderId : accepted.values()) {
            assertLedgerEntriesOf(orderId);
        }
    }

    // --- steps -----------------------------------------------------------------------------------

    /** {@code count} H200 orders below the review threshold, keyed by their Idempotency-Key. */
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

    /**
     * Each order authorized with its share due, with exactly one request and one authorization in
     * its history and no ignored (second) decision; each application granted exactly once.
     */
    private void assertEachAuthorizedOnce(Map<String, String> accepted, Map<String, OrderLine> lines) {
        for (Map.Entry<String, String> entry : accepted.entrySet()) {
            OrderLine line = lines.get(entry.getKey());
            String orderId = entry.getValue();
            JsonNode view = Waits.orderStatus(orders, orderId, "AUTHORIZED");
            Money due = line.share(rate);
            assertThat(OrderApi.money(view, "grossAmount")).isEqualTo(line.gross());
            assertThat(OrderApi.money(view, "revenueShareDue")).isEqualTo(due);
            assertThat(historyTypes(view)).as(orderId).containsExactly("OrderRequested", "OrderAuthorized");
            JsonNode application = Waits.applicationStatus(regulator, orderId, "GRANTED");
            assertThat(regulatorEvents(application)).as(orderId).containsExactly("RECEIVED", "GRANTED");
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
