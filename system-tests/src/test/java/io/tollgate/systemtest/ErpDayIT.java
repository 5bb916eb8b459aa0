package io.tollgate.systemtest;

import static io.tollgate.systemtest.OrderLine.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.deploy.demo.ComplianceSteps;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
 * Journey 1, an ERP day, against a real broker and the three services as processes:
 * designations, the ERP's US shipment report, granted and denied orders (every licensable one
 * waiting for the documents compliance supplies), an order waiting for US volume until the ERP
 * reports it, a usage scenario asked for and supplied, an officer's grant, partial and full
 * remittances, a cancellation — then the ledger, to the cent. The steps build on each other, in
 * order, on one stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErpDayIT {

    private static final String USD = "USD";

    private TollgateStack stack;
    private OrderApi orders;
    private RegulatorApi regulator;
    private Compliance compliance;
    private LedgerApi ledger;
    private final ExpectedLedger expected = new ExpectedLedger(USD);
    private final Map<String, Tracked> day = new LinkedHashMap<>();
    private BigDecimal rate;
    private String payee;
    private long reviewThreshold;

    /** An order of the day and what the test expects of it. */
    private static final class Tracked {
        final String orderId;
        final OrderLine line;
        String status = "REQUESTED";
        Money due;
        Money paid = Money.zero(USD);
        int payments;

        Tracked(String orderId, OrderLine line) {
            this.orderId = orderId;
            this.line = line;
        }
    }

    @BeforeAll
    void startStack() {
        stack = TollgateStack.start("erp-day");
        orders = new OrderApi(stack);
        regulator = new RegulatorApi(stack);
        compliance = new Compliance(stack);
        ledger = new LedgerApi(stack);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void complianceDesignatesThreeCustomersAndTheErpReportsUsShipmentsOfH200() {
        // given the default policy
        JsonNode policy = regulator.policy();
        rate = RevenueShare.parseRate(policy.path("revenueShareRate").asText());
        payee = policy.path("payee").asText();
        reviewThreshold = policy.path("reviewThresholdQuantity").asLong();
        assertThat(rate).isEqualByComparingTo(RevenueShare.DEFAULT_RATE);
        assertThat(payee).isEqualTo(RevenueShare.DEFAULT_PAYEE);
        assertThat(reviewThreshold).isPositive();

        // when
        regulator.designate("bytedance", "ByteDance Ltd.", "CN");
        regulator.designate("alibaba", "Alibaba Group Holding Ltd.", "CN");
        regulator.designate("tencent", "Tencent Holdings Ltd.", "CN");
        compliance.reportAmpleUsShipments("H200-SXM-141GB", "H200-NVL");

        // then
        for (String customer : List.of("bytedance", "alibaba", "tencent")) {
            assertThat(regulator.designation(customer).path("status").asText()).isEqualTo("DESIGNATED");
        }
        assertThat(compliance.usVolume("H200").path("usUnitsReported").asLong())
            .isEqualTo(Compliance.AMPLE_US_UNITS);
    }

    @Test
    @Order(2)
    void h200OrdersOfDesignatedCustomersAreAuthorizedWithAQuarterOfGrossDue() {
        // given
        List<OrderLine> lines = List.of(
            OrderLine.h200("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", 800, "31500.00", "PO-1001"),
            OrderLine.h200("alibaba", "Alibaba Group Holding Ltd.", "H200-NVL", 333, "28999.99", "PO-1002"),
            // 2 × 14,999.01 = 29,998.02; a quarter is 7,499.505: HALF_EVEN gives 7,499.50, not .51
            OrderLine.h200("tencent", "Tencent Holdings Ltd.", "H200-NVL", 2, "14999.01", "PO-1003"),
            OrderLine.h200("tencent", "Tencent Holdings Ltd.", "H200-SXM-141GB", 300, "31500.00", "PO-1004"));

        // when
        List<Tracked> placed = new ArrayList<>();
        for (OrderLine line : lines) {
            placed.add(submit(line));
        }
        for (Tracked order : placed) {
            compliance.supplyDocumentsWhenAsked(regulator, order.orderId);
        }

        // then
        for (Tracked order : placed) {
            JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
            authorized(order);
            assertAmounts(order, view);
            assertThat(view.path("revenueShareRate").asText()).isEqualTo("0.25");
            assertThat(view.path("payee").asText()).isEqualTo(payee);
            assertThat(view.path("productFamily").asText()).isEqualTo("hopper");
            assertThat(view.path("authorization").path("authorizationId").asText()).isNotBlank();
            JsonNode application = Waits.applicationStatus(regulator, order.orderId, "GRANTED");
            assertThat(application.path("authorizationId").asText())
                .isEqualTo(view.path("authorization").path("authorizationId").asText());
            // the decision as data on the order: the regulator's version and clause, as it decided
            assertThat(view.path("authorization").path("decision").asText()).isEqualTo("GRANTED");
            assertThat(view.path("authorization").path("policyVersion").asText())
                .isEqualTo(application.path("policyVersion").asText());
            assertThat(view.path("authorization").path("policyClause").asText())
                .isNotBlank().isEqualTo(application.path("policyClause").asText());
        }
        assertThat(placed.get(0).due).isEqualTo(usd("6300000.00"));
        assertThat(placed.get(1).due).isEqualTo(usd("2414249.17"));
        // and the ledger's authorization entries name the policy version in force when the order was
        // requested and the clause that granted it, as the regulator's decision did
        for (Tracked order : placed) {
            JsonNode application = regulator.application(order.orderId);
            assertThat(application.path("policyVersion").asText()).isEqualTo("2026-01-15.1");
            await().atMost(Waits.STEP).pollInterval(Waits.POLL)
                .until(() -> ledger.entryKinds(order.orderId).contains("AUTHORIZATION"));
            for (JsonNode line : ledger.orderEntries(order.orderId).path("entries")) {
                assertThat(line.path("kind").asText()).isEqualTo("AUTHORIZATION");
                assertThat(line.path("policyVersion").asText()).isEqualTo("2026-01-15.1");
                assertThat(line.path("policyClause").asText()).isEqualTo("case-by-case-h200-class");
            }
        }
        assertThat(placed.get(2).due).isEqualTo(usd("7499.50"));
    }

    @Test
    @Order(3)
    void blackwellAndRubinOrdersAreDeniedAsProhibitedProducts() {
        // given
        OrderLine blackwell = OrderLine.h200("bytedance", "ByteDance Ltd.", "B200", 200, "38000.00", "PO-1005")
            .withProduct("B200", "blackwell");
        OrderLine rubin = OrderLine.h200("alibaba", "Alibaba Group Holding Ltd.", "VR200", 64, "60000.00",
            "PO-1006").withProduct("VR200", "rubin");

        // when
        Tracked b200 = submit(blackwell);
        Tracked vr200 = submit(rubin);

        // then
        for (Tracked order : List.of(b200, vr200)) {
            assertDenied(order, List.of("PRODUCT_PROHIBITED"));
        }
    }

    @Test
    @Order(4)
    void aFirmThatIsNotOnTheRegisterIsDenied() {
        // when
        Tracked order = submit(OrderLine.h200("moonshot", "Moonshot AI", "H200-NVL", 100, "28900.00", "PO-1007"));

        // then
        assertDenied(order, List.of("CUSTOMER_NOT_DESIGNATED"));
    }

    @Test
    @Order(5)
    void aThinUsageScenarioWaitsForTheBuyerAndIsGrantedOnceCompleted() {
        // given
        OrderLine thin = OrderLine.h200("alibaba", "Alibaba Group Holding Ltd.", "H200-NVL", 120, "28900.00",
            "PO-1008").withUsageScenario("GPUs for AI.");

        // when
        Tracked order = submit(thin);
        compliance.supplyDocumentsWhenAsked(regulator, order.orderId);
        JsonNode waiting = Waits.applicationStatus(regulator, order.orderId, "USAGE_SCENARIO_REQUESTED");

        // then it waits, with a CN-track reason, and the order is still only requested
        assertThat(waiting.path("tracks").path("cnImport").path("verdict").asText()).isEqualTo("PENDING");
        assertThat(waiting.path("tracks").path("cnImport").path("code").asText())
            .isEqualTo("USAGE_SCENARIO_UNACCEPTABLE");
        assertThat(orders.status(order.orderId)).isEqualTo("REQUESTED");

        // when the buyer supplies a real scenario
        regulator.supplyUsageScenario(order.orderId, OrderLine.GOOD_SCENARIO).expect(200);

        // then
        Waits.applicationStatus(regulator, order.orderId, "GRANTED");
        JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
        authorized(order);
        assertAmounts(order, view);
    }

    @Test
    @Order(5)
    void theErpSeesTheRegulatorWaitingForAScenarioAndSuppliesItThroughOrderService() {
        // given an order whose necessity category (the default, commercial) needs a detailed scenario
        OrderLine thin = OrderLine.h200("tencent", "Tencent Holdings Ltd.", "H200-NVL", 40, "29100.00",
            "PO-1010").withUsageScenario("AI compute.");

        // when
        Tracked order = submit(thin);

        // then the order waits first for its documents, which the ERP supplies through order-service:
        // the buyer's attestation (the call retried: nothing passes twice), then the lab's report
        Waits.orderWaiting(orders, order.orderId, "DOCUMENTS", "DOCUMENT_MISSING");
        List<Map<String, Object>> documents = ComplianceSteps.documents(order.orderId, "Tencent Holdings Ltd.",
            ComplianceSteps.today());
        orders.supplyDocument(order.orderId, "kyc-" + order.orderId, documents.get(0)).expect(202);
        orders.supplyDocument(order.orderId, "kyc-" + order.orderId, documents.get(0)).expect(202);
        JsonNode labLeft = Waits.orderWaitingWithout(orders, order.orderId, "DOCUMENTS", "BUYER_KYC_ATTESTATION");
        assertThat(labLeft.path("authorization").path("requirement").path("text").asText())
            .contains("LAB_TEST_REPORT");
        orders.supplyDocument(order.orderId, "lab-" + order.orderId, documents.get(1)).expect(202);

        // then the order itself says what the regulator waits for next, and why
        JsonNode waiting = Waits.orderWaiting(orders, order.orderId, "USAGE_SCENARIO", "USAGE_SCENARIO_UNACCEPTABLE");
        assertThat(waiting.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(waiting.path("authorization").path("decision").isNull()).isTrue();
        assertThat(waiting.path("authorization").path("requirement").path("text").asText()).contains("at least");

        // when the ERP supplies another thin one, the regulator asks again, saying why
        orders.supplyUsageScenario(order.orderId, "scenario-1-" + order.orderId, "GPUs.").expect(202);
        Waits.orderWaiting(orders, order.orderId, "USAGE_SCENARIO", "USAGE_SCENARIO_UNACCEPTABLE");
        assertThat(regulator.findApplication(order.orderId).expect(200).json().path("status").asText())
            .isEqualTo("USAGE_SCENARIO_REQUESTED");

        // when it supplies a real one (and retries the call, which passes nothing twice)
        String key = "scenario-2-" + order.orderId;
        orders.supplyUsageScenario(order.orderId, key, OrderLine.GOOD_SCENARIO).expect(202);
        orders.supplyUsageScenario(order.orderId, key, OrderLine.GOOD_SCENARIO).expect(202);

        // then the regulator grants, the order is authorized and waits for nothing
        JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
        authorized(order);
        assertAmounts(order, view);
        assertThat(view.path("authorization").path("waitingFor").isNull()).isTrue();
        assertThat(view.path("usageScenario").asText()).isEqualTo(OrderLine.GOOD_SCENARIO);
        JsonNode granted = Waits.applicationStatus(regulator, order.orderId, "GRANTED");
        assertThat(granted.path("usageScenario").asText()).isEqualTo(OrderLine.GOOD_SCENARIO);
        // the regulator recorded the two documents as the ERP's, once each, and the order lists them
        assertThat(granted.path("documents").path("supplied")).extracting(d -> d.path("kind").asText())
            .containsExactly("BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT");
        assertThat(granted.path("documents").path("supplied")).extracting(d -> d.path("suppliedBy").asText())
            .containsOnly(view.path("history").path(0).path("principal").asText());
        assertThat(view.path("documents")).extracting(d -> d.path("kind").asText())
            .containsExactly("BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT");
        // and the change feed told the ERP every step: the wait for both documents, each document and
        // the wait for the one left after the first, the wait for a scenario (twice), and the grant
        assertThat(Waits.orderChangesUpTo(orders, order.orderId, "OrderAuthorized"))
            .extracting(c -> c.path("changeType").asText()).containsExactly(
            "OrderRequested", "AuthorizationPending", "DocumentSupplied", "AuthorizationPending",
            "DocumentSupplied", "AuthorizationPending", "UsageScenarioSupplied", "AuthorizationPending",
            "UsageScenarioSupplied", "OrderAuthorized");
    }

    @Test
    @Order(6)
    void anOrderAboveTheReviewThresholdWaitsForAnOfficerWhoGrantsIt() {
        // given
        OrderLine large = OrderLine.h200("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", reviewThreshold + 500,
            "30999.97", "PO-1009");

        // when
        Tracked order = submit(large);
        compliance.supplyDocumentsWhenAsked(regulator, order.orderId);
        JsonNode pending = Waits.applicationStatus(regulator, order.orderId, "PENDING_REVIEW");

        // then
        assertThat(pending.path("tracks").path("usExport").path("verdict").asText()).isEqualTo("PENDING");
        assertThat(orders.status(order.orderId)).isEqualTo("REQUESTED");

        // when the officer grants it
        JsonNode decided = regulator.decide(order.orderId, "GRANT", "Volume matches the buyer's declared"
            + " training cluster; site visit report on file").expect(200).json();

        // then
        assertThat(decided.path("status").asText()).isEqualTo("GRANTED");
        JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
        authorized(order);
        assertAmounts(order, view);
        assertThat(view.path("authorization").path("decidedBy").asText()).isNotBlank();
    }

    @Test
    @Order(6)
    void anOrderWaitsForItsDocumentsUntilComplianceSuppliesBoth() {
        // given
        Tracked order = submit(OrderLine.h200("alibaba", "Alibaba Group Holding Ltd.", "H200-SXM-141GB", 64,
            "31250.00", "PO-1011"));

        // then the order waits for both documents the version in force requires, and says so
        JsonNode waiting = Waits.orderWaiting(orders, order.orderId, "DOCUMENTS", "DOCUMENT_MISSING");
        assertThat(waiting.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(waiting.path("authorization").path("requirement").path("text").asText())
            .contains("BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT");
        JsonNode application = Waits.applicationStatus(regulator, order.orderId, Compliance.AWAITING_DOCUMENTS);
        assertThat(application.path("documents").path("missing")).extracting(m -> m.path("kind").asText())
            .containsExactlyInAnyOrder("BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT");

        // when compliance supplies the buyer's KYC attestation (twice: a repeat records nothing)
        List<Map<String, Object>> documents = Compliance.documents(application);
        compliance.supply(order.orderId, documents.get(0)).expect(200);
        JsonNode afterKyc = compliance.supply(order.orderId, documents.get(0)).expect(200).json();

        // then it still waits, for the lab's report alone
        assertThat(afterKyc.path("status").asText()).isEqualTo(Compliance.AWAITING_DOCUMENTS);
        assertThat(afterKyc.path("documents").path("supplied")).hasSize(1);
        assertThat(afterKyc.path("documents").path("missing")).extracting(m -> m.path("kind").asText())
            .containsExactly("LAB_TEST_REPORT");
        assertThat(orders.status(order.orderId)).isEqualTo("REQUESTED");

        // when it supplies the lab's report
        compliance.supply(order.orderId, documents.get(1)).expect(200);

        // then the rest of the rules grant it, on the documents recorded
        JsonNode granted = Waits.applicationStatus(regulator, order.orderId, "GRANTED");
        assertThat(granted.path("documents").path("supplied")).extracting(d -> d.path("kind").asText())
            .containsExactly("BUYER_KYC_ATTESTATION", "LAB_TEST_REPORT");
        assertThat(granted.path("history")).extracting(h -> h.path("event").asText())
            .contains("DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "GRANTED");
        JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
        authorized(order);
        assertAmounts(order, view);
        assertThat(view.path("authorization").path("waitingFor").isNull()).isTrue();
    }

    @Test
    @Order(6)
    void anOrderOfAClassWithoutUsShipmentsWaitsForUsVolumeUntilTheErpReportsIt() {
        // given an H100 order (a class of its own under the cap: no US shipments reported yet)
        OrderLine h100 = OrderLine.h200("tencent", "Tencent Holdings Ltd.", "H100-SXM5-80GB", 90, "24000.00",
            "PO-1012").withProduct("H100-SXM5-80GB", "hopper");
        Tracked order = submit(h100);
        compliance.supplyDocumentsWhenAsked(regulator, order.orderId);

        // then it waits for US volume, visibly, on the order too
        JsonNode waiting = Waits.orderWaiting(orders, order.orderId, "US_VOLUME", "US_VOLUME_CAP_EXCEEDED");
        assertThat(waiting.path("status").asText()).isEqualTo("REQUESTED");
        JsonNode application = Waits.applicationStatus(regulator, order.orderId, "AWAITING_US_VOLUME");
        assertThat(application.path("tracks").path("usExport").path("code").asText())
            .isEqualTo("US_VOLUME_CAP_EXCEEDED");

        // when the ERP reports US shipments of H100 that leave room for exactly this order (50%)
        compliance.reportUsShipments("erp-day-H100-1", "H100", 180).expect(201);

        // then it is granted and the order authorized
        Waits.applicationStatus(regulator, order.orderId, "GRANTED");
        JsonNode view = Waits.orderStatus(orders, order.orderId, "AUTHORIZED");
        authorized(order);
        assertAmounts(order, view);
        JsonNode volume = compliance.usVolume("H100");
        assertThat(volume.path("authorizedUnits").asLong()).isEqualTo(90);
        assertThat(volume.path("unitsWaiting").asLong()).isZero();
    }

    @Test
    @Order(7)
    void partialThenFullRevenueSharePaymentsSettleAnOrder() {
        // given the first ByteDance order (6,300,000.00 due) and the Alibaba one (2,414,249.17 due)
        Tracked bytedance = find("PO-1001");
        Tracked alibaba = find("PO-1002");

        // when treasury remits part, then the same remittance again (a retry), then the rest
        pay(bytedance, "UST-2026-000101", usd("2000000.00"), "AUTHORIZED");
        orders.pay(bytedance.orderId, "pay-UST-2026-000101", usd("2000000.00"), "UST-2026-000101").expect(202);
        assertAmounts(bytedance, orders.order(bytedance.orderId));
        pay(bytedance, "UST-2026-000102", usd("4300000.00"), "SETTLED");
        pay(alibaba, "UST-2026-000103", usd("1000000.00"), "AUTHORIZED");

        // then: more than is outstanding is refused and changes nothing
        Http.Reply over = orders.pay(alibaba.orderId, "pay-UST-2026-000104", usd("1414249.18"), "UST-2026-000104");
        assertThat(over.status()).as(over.raw()).isEqualTo(422);
        assertAmounts(alibaba, orders.order(alibaba.orderId));
        assertThat(bytedance.paid).isEqualTo(bytedance.due);
        assertThat(OrderApi.money(orders.order(bytedance.orderId), "revenueShareOutstanding"))
            .isEqualTo(usd("0.00"));
    }

    @Test
    @Order(8)
    void anAuthorizedOrderWithNothingPaidIsCancelledAndASettledOneIsNot() {
        // given
        Tracked unpaid = find("PO-1004");
        Tracked settled = find("PO-1001");

        // when
        Http.Reply cancelled = orders.cancel(unpaid.orderId);
        Http.Reply refused = orders.cancel(settled.orderId);

        // then
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(202);
        assertThat(orders.status(unpaid.orderId)).isEqualTo("CANCELLED");
        unpaid.status = "CANCELLED";
        expected.reversed(unpaid.line, unpaid.due, payee);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(orders.status(settled.orderId)).isEqualTo("SETTLED");
    }

    @Test
    @Order(9)
    void theLedgerBalancesEveryAccountToTheCentAndTheTrialBalanceIsZero() {
        // then (the ledger follows both topics asynchronously)
        JsonNode balances = awaitLedgerBalances();
        BigDecimal trial = BigDecimal.ZERO;
        for (JsonNode account : balances.path("accounts")) {
            if (USD.equals(account.path("currency").asText())) {
                trial = trial.add(ExpectedLedger.decimal(account, "balance"));
            }
            assertThat(account.path("account").asText()).doesNotStartWith("suspense:");
        }
        assertThat(trial).as("trial balance in USD").isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(balances.path("digest").asText()).startsWith("sha256:");
        // and by the rules: what the three customers owe, what was sold, owed and paid to the treasury
        assertThat(expected.balance(ExpectedLedger.receivable("bytedance")))
            .isEqualByComparingTo(find("PO-1001").line.gross().value().add(find("PO-1009").line.gross().value()));
        assertThat(expected.balance(ExpectedLedger.liability(payee)).negate())
            .isEqualByComparingTo(outstandingTotal());
        JsonNode verify = ledger.verify();
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.path("entries").asLong()).isPositive();
    }

    @Test
    @Order(10)
    void theLedgerSummaryCountsTheDaysOrders() {
        // then
        awaitLedgerBalances();
        JsonNode summary = ledger.summary(USD);

        // then: every order of the day, by the status it ended in
        JsonNode counts = summary.path("orders");
        assertThat(counts.path("total").asLong()).as("all orders requested").isEqualTo(day.size());
        for (String status : List.of("AUTHORIZED", "SETTLED", "DENIED", "CANCELLED")) {
            long placed = day.values().stream().filter(o -> o.status.equals(status)).count();
            assertThat(counts.path(status.toLowerCase(Locale.ROOT)).asLong()).as(status + " in " + summary)
                .isEqualTo(placed);
        }
        assertThat(counts.path("settled").asLong()).isEqualTo(1);
        assertThat(counts.path("denied").asLong()).isEqualTo(3);
        assertThat(counts.path("cancelled").asLong()).isEqualTo(1);
        // and the money of the orders that stand (a cancelled order's share is no longer due)
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal due = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        for (Tracked order : day.values()) {
            if (order.due != null && !order.status.equals("CANCELLED")) {
                gross = gross.add(order.line.gross().value());
                due = due.add(order.due.value());
                paid = paid.add(order.paid.value());
            }
        }
        assertThat(ExpectedLedger.decimal(summary, "grossAuthorized")).isEqualByComparingTo(gross);
        assertThat(ExpectedLedger.decimal(summary, "revenueShareDue")).isEqualByComparingTo(due);
        assertThat(ExpectedLedger.decimal(summary, "revenueSharePaid")).isEqualByComparingTo(paid);
        assertThat(ExpectedLedger.decimal(summary, "revenueShareOutstanding"))
            .isEqualByComparingTo(due.subtract(paid)).isEqualByComparingTo(outstandingTotal());
        assertThat(summary.path("parked").asLong()).isZero();
        assertThat(summary.path("suspendedPayments").asLong()).isZero();
        assertThat(summary.path("suspense").size()).as(summary.toString()).isZero();
    }

    @Test
    @Order(11)
    void revenueShareOutstandingIsDueMinusPaidForEveryOrder() {
        // then, per order: the order-service view and the expectation agree to the cent
        for (Tracked order : day.values()) {
            JsonNode view = orders.order(order.orderId);
            assertThat(view.path("status").asText()).as(order.line.erpReference()).isEqualTo(order.status);
            if (order.due == null) {
                assertThat(OrderApi.money(view, "revenueShareDue")).as(order.line.erpReference()).isNull();
                continue;
            }
            assertAmounts(order, view);
            Money due = OrderApi.money(view, "revenueShareDue");
            Money paid = OrderApi.money(view, "revenueSharePaid");
            assertThat(OrderApi.money(view, "revenueShareOutstanding")).as(order.line.erpReference())
                .isEqualTo(due.minus(paid));
            // and the ledger's liability postings for the order leave exactly that outstanding
            BigDecimal owed = order.status.equals("CANCELLED") ? BigDecimal.ZERO : due.minus(paid).value();
            assertThat(ledger.creditBalance(order.orderId, ExpectedLedger.liability(payee)))
                .as(order.line.erpReference() + " outstanding in the ledger").isEqualByComparingTo(owed);
            assertThat(ledger.entryKinds(order.orderId)).as(order.line.erpReference())
                .containsExactlyInAnyOrderElementsOf(expectedEntryKinds(order));
        }
        // and every customer has exactly the orders the day placed
        for (String customer : List.of("bytedance", "alibaba", "tencent", "moonshot")) {
            long placed = day.values().stream().filter(o -> o.line.customerId().equals(customer)).count();
            assertThat(orders.ordersOf(customer)).as(customer).hasSize((int) placed);
        }
    }

    @Test
    @Order(12)
    void theAuditorsOwnReadingOfThePublishedVersionsAccountsForEveryDecisionOfTheDay() {
        // when the auditor's tool rechecks every decision on the topics against the versions as shipped
        Path policies = BuildOutputs.repoRoot().resolve("regulator-service/src/main/resources/policy");
        AuditTool.Run run = new AuditTool(Map.of("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers()),
            stack.home().resolve("audit")).run("recheck-policy", "--policies", policies.toString(), "--format",
            "json", "--quiet");

        // then the regulator's decisions and the tool's independent reading of docs/policy-rules.md agree,
        // and what the topics cannot show is named as taken on trust
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode report = run.json();
        assertThat(report.path("differ").asLong()).as(report.toString()).isZero();
        assertThat(report.path("decisions").asLong()).as(report.toString()).isEqualTo(day.size());
        JsonNode onTrust = report.path("onTrust");
        assertThat(onTrust.path("register").asLong()).as("the firm off the register").isEqualTo(1);
        assertThat(onTrust.path("officer").asLong()).as("the officer's grant above the threshold").isEqualTo(1);
        assertThat(onTrust.path("scenario supplied to the regulator").asLong())
            .as("the scenario supplied through the regulator's API").isEqualTo(1);
        assertThat(report.path("agree").asLong()).isEqualTo(day.size() - 3);
    }

    // --- steps -----------------------------------------------------------------------------------

    private Tracked submit(OrderLine line) {
        String orderId = orders.submitAccepted("erp-" + line.erpReference() + "-" + UUID.randomUUID(), line);
        Tracked tracked = new Tracked(orderId, line);
        day.put(orderId, tracked);
        return tracked;
    }

    private Tracked find(String erpReference) {
        return day.values().stream().filter(o -> o.line.erpReference().equals(erpReference)).findFirst()
            .orElseThrow(() -> new AssertionError("no order " + erpReference + " (an earlier step failed)"));
    }

    private void authorized(Tracked order) {
        order.status = "AUTHORIZED";
        order.due = order.line.share(rate);
        expected.authorized(order.line, order.due, payee);
    }

    private void pay(Tracked order, String treasuryReference, Money amount, String statusAfter) {
        Http.Reply reply = orders.pay(order.orderId, "pay-" + treasuryReference, amount, treasuryReference);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(202);
        order.paid = order.paid.plus(amount);
        order.payments++;
        order.status = statusAfter;
        expected.paid(amount, payee);
        JsonNode view = orders.order(order.orderId);
        assertThat(view.path("status").asText()).isEqualTo(statusAfter);
        assertAmounts(order, view);
    }

    private void assertDenied(Tracked order, List<String> reasonCodes) {
        JsonNode view = Waits.orderStatus(orders, order.orderId, "DENIED");
        order.status = "DENIED";
        assertThat(OrderApi.money(view, "revenueShareDue")).isNull();
        JsonNode application = Waits.applicationStatus(regulator, order.orderId, "DENIED");
        assertThat(RegulatorApi.reasonCodes(application)).as(application.toString())
            .containsExactlyElementsOf(reasonCodes);
    }

    /** Gross, due, paid and outstanding of the order view, each exactly as expected. */
    private void assertAmounts(Tracked order, JsonNode view) {
        String ref = order.line.erpReference();
        assertThat(OrderApi.money(view, "grossAmount")).as(ref + " gross").isEqualTo(order.line.gross());
        assertThat(OrderApi.money(view, "revenueShareDue")).as(ref + " due").isEqualTo(order.due);
        assertThat(OrderApi.money(view, "revenueSharePaid")).as(ref + " paid").isEqualTo(order.paid);
        assertThat(OrderApi.money(view, "revenueShareOutstanding")).as(ref + " outstanding")
            .isEqualTo(order.due.minus(order.paid));
    }

    /** One AUTHORIZATION entry per grant, a PAYMENT per remittance, a REVERSAL per cancellation. */
    private static List<String> expectedEntryKinds(Tracked order) {
        List<String> kinds = new ArrayList<>();
        if (order.due == null) {
            return kinds;
        }
        kinds.add("AUTHORIZATION");
        if (order.status.equals("CANCELLED")) {
            kinds.add("REVERSAL");
        }
        for (int i = 0; i < order.payments; i++) {
            kinds.add("PAYMENT");
        }
        return kinds;
    }

    private BigDecimal outstandingTotal() {
        BigDecimal total = BigDecimal.ZERO;
        for (Tracked order : day.values()) {
            if (order.due != null && !order.status.equals("CANCELLED")) {
                total = total.add(order.due.value()).subtract(order.paid.value());
            }
        }
        return total;
    }

    private JsonNode awaitLedgerBalances() {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        AtomicReference<String> diff = new AtomicReference<>("");
        try {
            await("ledger balances as the posting rules give").atMost(Waits.STEP).pollInterval(Waits.POLL)
                .until(() -> {
                    JsonNode balances = ledger.balances(USD);
                    last.set(balances);
                    diff.set(expected.differences(balances));
                    return diff.get().isEmpty();
                });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("ledger balances differ from the posting rules:\n" + diff.get()
                + "ledger said: " + last.get(), e);
        }
        return last.get();
    }
}
