package io.tollgate.deploy.demo;

import io.tollgate.contracts.Roles;
import io.tollgate.deploy.local.LocalUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A realistic ERP day against the running stack, through the public APIs only: designations, the
 * ERP's report of US shipments, granted and denied orders (each licensable one waiting for its
 * buyer's KYC attestation and lab report, supplied by compliance), a usage scenario asked for and
 * supplied, an officer's decision, revenue-share payments, a cancellation — then the ledger's
 * summary and balances. Each run uses fresh ERP references, report ids and idempotency keys, so it
 * can be played again on the same data.
 */
public final class DemoDay {

    /** Bound for each asynchronous step (an event crossing Kafka and a service or two). */
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final String USD = "USD";
    private static final int UNIT_CAP_PER_QUARTER = 250_000;
    /**
     * H200 units the ERP reports shipped to US end use in each run: half of them may go to China,
     * room for the 4,256 H200 units a run orders with the default review threshold.
     */
    private static final long US_UNITS_PER_RUN = 20_000;
    private static final String GOOD_SCENARIO = "Training and inference of large language models for "
        + "search and recommendation, hosted in our own data centre in Hangzhou";
    private static final Set<String> DECIDED = Set.of("AUTHORIZED", "DENIED", "CANCELLED", "SETTLED");

    private final ApiClient api;
    private final ComplianceSteps compliance;
    private final PrintStream out;
    private final String runId;
    private final List<String> ordersOfThisRun = new ArrayList<>();
    private int nextReference = 1;

    public DemoDay(ApiClient api, PrintStream out) {
        this.api = api;
        this.compliance = new ComplianceSteps(api);
        this.out = out;
        this.runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    /** Plays the day; returns 0 when every step did what it should (else throws DemoFailure). */
    public int run() {
        long startNs = System.nanoTime();
        out.println("Tollgate demo: an ERP day (run " + runId + ")");
        requireReachable();
        int reviewThreshold = reviewThreshold();
        JsonNode ledgerBefore = summary();

        step(1, "Compliance designates three customers on the register; the ERP reports US shipments"
            + " (regulator-service)");
        designate("bytedance", "ByteDance Ltd.");
        designate("alibaba", "Alibaba Group Holding Ltd.");
        designate("tencent", "Tencent Holdings Ltd.");
        reportUsShipments();

        step(2, "The ERP submits H200 orders for designated customers; compliance supplies each one's"
            + " KYC attestation and lab report: granted");
        String bytedanceH200 = orderAndAwait("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", 800,
            "31500.00", GOOD_SCENARIO, "AUTHORIZED");
        String alibabaH200 = orderAndAwait("alibaba", "Alibaba Group Holding Ltd.", "H200-NVL", 500,
            "28900.00", "Inference serving for e-commerce recommendation and search ranking at scale",
            "AUTHORIZED");
        String tencentH200 = orderAndAwait("tencent", "Tencent Holdings Ltd.", "H200-SXM-141GB", 300,
            "31500.00", "Fine-tuning of speech models for research on real-time translation",
            "AUTHORIZED");

        step(3, "Prohibited products: a Blackwell (B200) and a Rubin (VR200) order are denied");
        orderAndAwait("bytedance", "ByteDance Ltd.", "B200", 200, "38000.00", GOOD_SCENARIO, "DENIED");
        orderAndAwait("alibaba", "Alibaba Group Holding Ltd.", "VR200", 64, "60000.00", GOOD_SCENARIO,
            "DENIED");

        step(4, "A firm that is not on the register orders H200s: denied");
        orderAndAwait("moonshot", "Moonshot AI", "H200-NVL", 100, "28900.00", GOOD_SCENARIO, "DENIED");

        step(5, "A thin usage scenario: the CN track asks for more, the buyer supplies it, granted");
        String tencentCompleted = thinScenarioThenCompleted();

        step(6, "Above the review threshold (" + reviewThreshold + " units): an officer decides");
        String bytedanceReviewed = officerReview(reviewThreshold + 1_400);

        step(7, "Treasury remits the 25% revenue share: partial and full payments");
        BigDecimal paid = payInTwoParts(bytedanceH200);
        paid = paid.add(payPart(alibabaH200, new BigDecimal("0.50")));

        step(8, "An order is cancelled before any revenue share was paid");
        cancel(tencentH200);

        step(9, "The ledger has posted the day (ledger-service)");
        awaitLedger(ledgerBefore, paid, List.of(bytedanceH200, alibabaH200, tencentH200, tencentCompleted,
            bytedanceReviewed));
        printSummary();
        printBalances();
        out.printf("Demo finished in %.1f s: %d orders, %s USD revenue share paid in this run.%n",
            (System.nanoTime() - startNs) / 1e9, ordersOfThisRun.size(), paid.toPlainString());
        return 0;
    }

    private void step(int number, String title) {
        out.println();
        out.println("[" + number + "/9] " + title);
    }

    private void requireReachable() {
        ApiClient.Endpoints e = api.endpoints();
        for (String base : List.of(e.orders(), e.regulator(), e.ledger())) {
            ApiClient.Response ready = api.get(base + "/q/health/ready");
            if (ready.status() != 200) {
                throw new DemoFailure(base + " is not ready (HTTP " + ready.status()
                    + "); start the stack with ./tollgate up --detach");
            }
        }
    }

    private int reviewThreshold() {
        ApiClient.Response policy = api.get(Roles.COMPLIANCE, api.endpoints().regulator() + "/api/v1/policy");
        JsonNode threshold = policy.body().path("reviewThresholdQuantity");
        return policy.isSuccess() && threshold.canConvertToInt() ? threshold.asInt() : 1_000;
    }

    private void designate(String customerId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("country", "CN");
        body.put("unitCapPerQuarter", UNIT_CAP_PER_QUARTER);
        ApiClient.Response response = api.proposeAndApprove("designations/" + customerId, body);
        expectSuccess("designate " + customerId + " (proposed by compliance, approved by "
            + LocalUsers.SECOND_COMPLIANCE + ")", response);
        out.printf("  designated %-10s %s (CN, cap %,d units per quarter)%n", customerId, name,
            UNIT_CAP_PER_QUARTER);
    }

    /**
     * The ERP's report of the H200 units shipped to US end-use customers this quarter: China may
     * be granted half of them (the 50% cap).
     */
    private void reportUsShipments() {
        String reportId = "demo-" + runId + "-H200";
        compliance.reportUsShipments(reportId, "H200", US_UNITS_PER_RUN);
        out.printf("  ERP report %s: %,d H200 units shipped to US end use this quarter (%s)%n", reportId,
            US_UNITS_PER_RUN, ComplianceSteps.quarter(java.time.Instant.now()));
    }

    /**
     * Submits an order and waits until it reaches {@code expected}; returns its id. An order to be
     * granted first waits for its documents, which compliance supplies.
     */
    private String orderAndAwait(String customerId, String customerName, String product, int quantity,
                                 String unitPrice, String usageScenario, String expected) {
        String orderId = submit(customerId, customerName, product, quantity, unitPrice, usageScenario);
        if (expected.equals("AUTHORIZED")) {
            supplyDocuments(orderId);
        }
        JsonNode order = awaitOrderStatus(orderId, expected);
        printOutcome(order);
        return orderId;
    }

    private String submit(String customerId, String customerName, String product, int quantity,
                          String unitPrice, String usageScenario) {
        String erpReference = "PO-" + runId + "-" + String.format("%02d", nextReference++);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerName", customerName);
        body.put("product", product);
        body.put("quantity", quantity);
        body.put("unitPrice", money(unitPrice));
        body.put("usageScenario", usageScenario);
        body.put("erpReference", erpReference);
        ApiClient.Response response = api.post(Roles.ERP, api.endpoints().orders() + "/api/v1/orders", body,
            Map.of("Idempotency-Key", "demo-" + erpReference));
        expectSuccess("submit order " + erpReference, response);
        String orderId = response.text("orderId");
        if (orderId.isEmpty()) {
            throw new DemoFailure("order " + erpReference + " answered without an orderId: " + response.raw());
        }
        ordersOfThisRun.add(orderId);
        out.printf("  %s  %-10s %-15s x %,6d @ %9s USD  -> order %s %s%n", erpReference, customerId,
            product, quantity, unitPrice, orderId, response.text("status"));
        return orderId;
    }

    private JsonNode awaitOrderStatus(String orderId, String expected) {
        String url = api.endpoints().orders() + "/api/v1/orders/" + orderId;
        long startNs = System.nanoTime();
        JsonNode[] last = {api.json().nullNode()};
        JsonNode order = Await.until("order " + orderId + " to become " + expected, STEP_TIMEOUT, () -> {
            ApiClient.Response response = api.get(Roles.ERP, url);
            last[0] = response.body();
            String status = response.text("status");
            if (DECIDED.contains(status) && !status.equals(expected)) {
                throw new DemoFailure("order " + orderId + " became " + status + ", expected " + expected
                    + ": " + response.raw());
            }
            return status.equals(expected) ? Optional.of(response.body()) : Optional.empty();
        }, () -> last[0].toString());
        out.printf("      %s after %d ms%n", expected, (System.nanoTime() - startNs) / 1_000_000);
        return order;
    }

    private void printOutcome(JsonNode order) {
        String status = order.path("status").asText();
        if (status.equals("AUTHORIZED")) {
            out.printf("      gross %s, revenue share due %s%n", amount(order.path("grossAmount")),
                amount(order.path("revenueShareDue")));
        } else if (status.equals("DENIED")) {
            printReasons(order.path("orderId").asText());
        }
    }

    private String thinScenarioThenCompleted() {
        String orderId = submit("tencent", "Tencent Holdings Ltd.", "H200-NVL", 256, "28900.00", "AI");
        supplyDocuments(orderId);
        awaitApplicationStatus(orderId, "USAGE_SCENARIO_REQUESTED");
        ApiClient.Response response = api.post(Roles.COMPLIANCE, api.endpoints().regulator() + "/api/v1/applications/"
            + orderId + "/usage-scenario", Map.of("usageScenario",
            "Inference for WeChat search and recommendation ranking, research on compact models"));
        expectSuccess("supply the usage scenario of " + orderId, response);
        out.println("      usage scenario supplied by the buyer");
        printOutcome(awaitOrderStatus(orderId, "AUTHORIZED"));
        return orderId;
    }

    private String officerReview(int quantity) {
        String orderId = submit("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", quantity, "31500.00",
            GOOD_SCENARIO);
        supplyDocuments(orderId);
        awaitApplicationStatus(orderId, "PENDING_REVIEW");
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("decision", "GRANT");
        decision.put("reason", "End-use statement and site inspection report reviewed; volume matches"
            + " the declared training cluster");
        ApiClient.Response response = api.post(Roles.COMPLIANCE, api.endpoints().regulator() + "/api/v1/applications/"
            + orderId + "/decision", decision);
        expectSuccess("officer decision on " + orderId, response);
        out.println("      compliance officer: GRANT");
        printOutcome(awaitOrderStatus(orderId, "AUTHORIZED"));
        return orderId;
    }

    /** Compliance supplies the two documents the order's application waits for, once it does. */
    private void supplyDocuments(String orderId) {
        long startNs = System.nanoTime();
        compliance.supplyDocumentsWhenAsked(orderId, STEP_TIMEOUT);
        out.printf("      AWAITING_DOCUMENTS: KYC attestation and lab report supplied by compliance (%d ms)%n",
            (System.nanoTime() - startNs) / 1_000_000);
    }

    private void awaitApplicationStatus(String orderId, String expected) {
        String url = api.endpoints().regulator() + "/api/v1/applications/" + orderId;
        String[] last = {""};
        Await.until("application " + orderId + " to be " + expected, STEP_TIMEOUT, () -> {
            ApiClient.Response response = api.get(Roles.COMPLIANCE, url);
            last[0] = response.status() + " " + response.raw();
            return expected.equals(response.text("status")) ? Optional.of(true) : Optional.empty();
        }, () -> last[0]);
        out.println("      application " + expected);
    }

    /** Pays 40% of what is due, then the rest; the order is then SETTLED. Returns the total paid. */
    private BigDecimal payInTwoParts(String orderId) {
        BigDecimal first = payPart(orderId, new BigDecimal("0.40"));
        JsonNode order = api.get(Roles.TREASURY, api.endpoints().orders() + "/api/v1/orders/" + orderId).body();
        BigDecimal outstanding = new BigDecimal(order.path("revenueShareOutstanding").path("amount").asText("0"));
        pay(orderId, outstanding, "final");
        awaitOrderStatus(orderId, "SETTLED");
        return first.add(outstanding);
    }

    /** Pays {@code fraction} of what the order owes, rounded down to the cent. */
    private BigDecimal payPart(String orderId, BigDecimal fraction) {
        JsonNode order = api.get(Roles.TREASURY, api.endpoints().orders() + "/api/v1/orders/" + orderId).body();
        BigDecimal due = new BigDecimal(order.path("revenueShareDue").path("amount").asText("0"));
        BigDecimal part = due.multiply(fraction).setScale(2, RoundingMode.DOWN);
        pay(orderId, part, "partial");
        return part;
    }

    private void pay(String orderId, BigDecimal amount, String kind) {
        String treasuryReference = "UST-" + runId + "-" + String.format("%03d", nextReference++);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", money(amount.toPlainString()));
        body.put("treasuryReference", treasuryReference);
        ApiClient.Response response = api.post(Roles.TREASURY, api.endpoints().orders() + "/api/v1/orders/" + orderId
            + "/revenue-share-payments", body, Map.of("Idempotency-Key", "demo-" + treasuryReference));
        expectSuccess("revenue-share payment on " + orderId, response);
        out.printf("  %s %s payment %s USD on order %s%n", treasuryReference, kind,
            amount.toPlainString(), orderId);
    }

    private void cancel(String orderId) {
        ApiClient.Response response = api.post(Roles.ERP, api.endpoints().orders() + "/api/v1/orders/" + orderId
            + "/cancellation", null);
        expectSuccess("cancel " + orderId, response);
        out.println("  cancellation of order " + orderId + " accepted");
        awaitOrderStatus(orderId, "CANCELLED");
    }

    /**
     * Waits until the ledger's summary has caught up with this run (it counts each order once, by
     * its latest status) and every order that moved money has journal entries.
     */
    private void awaitLedger(JsonNode before, BigDecimal paid, List<String> moneyOrders) {
        long startNs = System.nanoTime();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("total", count(before, "total") + ordersOfThisRun.size());
        expected.put("denied", count(before, "denied") + 3);
        expected.put("cancelled", count(before, "cancelled") + 1);
        expected.put("settled", count(before, "settled") + 1);
        BigDecimal paidExpected = decimal(before.path("revenueSharePaid")).add(paid);
        JsonNode[] last = {before};
        Await.until("the ledger to post this run", STEP_TIMEOUT, () -> {
            JsonNode now = summary();
            last[0] = now;
            boolean counted = expected.entrySet().stream().allMatch(e -> count(now, e.getKey()) >= e.getValue());
            boolean paidPosted = decimal(now.path("revenueSharePaid")).compareTo(paidExpected) >= 0;
            return counted && paidPosted ? Optional.of(true) : Optional.empty();
        }, () -> last[0].toString());
        for (String orderId : moneyOrders) {
            String url = api.endpoints().ledger() + "/api/v1/orders/" + orderId + "/entries";
            String[] seen = {""};
            Await.until("journal entries of order " + orderId, STEP_TIMEOUT, () -> {
                ApiClient.Response response = api.get(Roles.AUDITOR, url);
                seen[0] = response.status() + " " + response.raw();
                return response.body().path("entries").size() > 0 ? Optional.of(true) : Optional.empty();
            }, () -> seen[0]);
        }
        out.printf("  the ledger has posted all %d orders of this run (%d ms)%n", ordersOfThisRun.size(),
            (System.nanoTime() - startNs) / 1_000_000);
    }

    private JsonNode summary() {
        ApiClient.Response summary = api.get(Roles.OPERATOR, api.endpoints().ledger() + "/api/v1/summary?currency=" + USD);
        expectSuccess("ledger summary", summary);
        return summary.body();
    }

    private static long count(JsonNode summary, String status) {
        return summary.path("orders").path(status).asLong(0);
    }

    private static BigDecimal decimal(JsonNode amount) {
        String text = amount.isObject() ? amount.path("amount").asText("0") : amount.asText("0");
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }

    private void printSummary() {
        JsonNode summary = summary();
        out.println();
        out.println("Ledger summary (" + USD + ", everything the ledger holds, all runs):");
        JsonNode orders = summary.path("orders");
        out.printf("  orders      %d in all: %d awaiting a decision, %d authorized, %d settled, %d denied,"
            + " %d cancelled%n", count(summary, "total"), count(summary, "requested"),
            count(summary, "authorized"), count(summary, "settled"), count(summary, "denied"),
            count(summary, "cancelled"));
        for (String field : List.of("grossAuthorized", "revenueShareDue", "revenueSharePaid",
            "revenueShareOutstanding")) {
            out.printf("  %-24s %20s %s%n", field, summary.path(field).asText(), USD);
        }
        out.printf("  parked %s, suspended payments %s, anomalies %s%n", summary.path("parked").asText("?"),
            summary.path("suspendedPayments").asText("?"), summary.path("anomalies").asText("?"));
        if (orders.isMissingNode()) {
            out.println("  (raw) " + summary);
        }
    }

    private void printBalances() {
        ApiClient.Response balances = api.get(Roles.AUDITOR, api.endpoints().ledger() + "/api/v1/balances?currency=" + USD);
        expectSuccess("ledger balances", balances);
        out.println();
        out.println("Balances (balance = debits - credits):");
        for (JsonNode account : balances.body().path("accounts")) {
            out.printf("  %-44s %3s %20s%n", account.path("account").asText(),
                account.path("currency").asText(), account.path("balance").asText());
        }
        BigDecimal trial = BigDecimal.ZERO;
        for (JsonNode account : balances.body().path("accounts")) {
            trial = trial.add(decimal(account.path("balance")));
        }
        out.printf("  %-44s %3s %20s%n", "trial balance (must be zero)", USD, trial.toPlainString());
        out.println("  digest " + balances.text("digest"));
        if (trial.signum() != 0) {
            throw new DemoFailure("the trial balance is " + trial.toPlainString() + " " + USD + ", not zero");
        }
    }

    private static Map<String, String> money(String amount) {
        Map<String, String> money = new LinkedHashMap<>();
        money.put("amount", amount);
        money.put("currency", USD);
        return money;
    }

    /** A Money node as "123.45 USD", any other value as its text. */
    private static String amount(JsonNode node) {
        if (node.has("amount")) {
            return node.path("amount").asText() + " " + node.path("currency").asText();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Why the regulator denied an order: each reason's track, code and text. */
    private void printReasons(String orderId) {
        ApiClient.Response application = api.get(Roles.COMPLIANCE, api.endpoints().regulator() + "/api/v1/applications/"
            + orderId);
        for (JsonNode reason : application.body().path("reasons")) {
            out.printf("      %s %s: %s%n", reason.path("track").asText(), reason.path("code").asText(),
                reason.path("text").asText());
        }
    }

    private static void expectSuccess(String what, ApiClient.Response response) {
        if (!response.isSuccess()) {
            throw new DemoFailure(what + " failed: HTTP " + response.status() + " " + response.raw());
        }
    }
}
