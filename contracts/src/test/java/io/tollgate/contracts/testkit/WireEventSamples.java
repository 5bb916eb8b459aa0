package io.tollgate.contracts.testkit;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DenialReason;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.RevenueShare;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Object mother for the wire contract: one valid, realistic record of every wire event, equal to
 * the JSON fixture {@code samples/<ce_type>.json} shipped next to it in the test-jar.
 * Each sample stands alone; they share one order id but do not form one history (an order is not
 * both granted and denied). The {@code orderId}-taking overloads let a test build a coherent story.
 */
public final class WireEventSamples {

    public static final String ORDER_ID = "4c1f6a2e-9b3d-4f8a-a5e7-2d9c0b81f364";
    public static final String CUSTOMER_ID = "bytedance";
    public static final String CUSTOMER_NAME = "ByteDance Ltd.";
    public static final String PRODUCT_SKU = "H200-SXM-141GB";
    public static final String PRODUCT_FAMILY = "H200";
    public static final long QUANTITY = 1000;
    public static final Money UNIT_PRICE = new Money("31500.00", "USD");
    /** 1000 × 31,500.00 USD. */
    public static final Money GROSS_AMOUNT = new Money("31500000.00", "USD");
    /** 25% of the gross: what the grant makes owed to the US Treasury. */
    public static final Money REVENUE_SHARE = new Money("7875000.00", "USD");

    /** The CloudEvents id of the OrderRequested envelope; decisions name it as requestEventId. */
    public static final String ORDER_REQUESTED_EVENT_ID = "0b7e4f3a-6c21-4d85-9f10-5a3e8c7d2b46";
    public static final String AUTHORIZATION_ID = "a8d35e02-71c4-4b9f-8e26-f4b0c9d1a573";
    public static final String PAYMENT_ID = "e2f97c14-3a58-4d06-b1e8-7c4a2d9f0b35";
    public static final String POLICY_VERSION = "2025-12-08.1";
    /** The clauses of {@link #POLICY_VERSION} the sample decisions name. */
    public static final String GRANT_CLAUSE = "case-by-case-h200-class";
    public static final String DENIAL_CLAUSE = "officer-review";
    /** The US export licence (BIS) and the Chinese import file (MOFCOM) the decisions cite. */
    public static final String US_REFERENCE = "BIS-D-2025-118204";
    public static final String CN_REFERENCE = "MOFCOM-IMP-2025-33817";
    public static final String TREASURY_REFERENCE = "TREAS-FMS-2025-0047731";

    public static final Instant REQUESTED_AT = Instant.parse("2025-12-09T08:15:30Z");
    /** Millisecond precision on purpose: fractions of a second must survive the wire. */
    public static final Instant DECIDED_AT = Instant.parse("2025-12-09T08:15:31.482Z");
    public static final Instant PAID_AT = Instant.parse("2025-12-16T14:02:00Z");
    public static final Instant CANCELLED_AT = Instant.parse("2025-12-10T09:30:00Z");
    public static final Instant SCENARIO_SUPPLIED_AT = Instant.parse("2025-12-09T10:02:11Z");
    /** The clause of {@link #POLICY_VERSION} that asks a commercial buyer for a usage scenario. */
    public static final String SCENARIO_CLAUSE = "necessity-commercial";
    public static final String USAGE_SCENARIO = "Large-language-model inference for the Doubao assistant in"
            + " ByteDance's Ulanqab data centre; no military or surveillance end use";

    public static final Instant DOCUMENT_SUPPLIED_AT = Instant.parse("2025-12-09T10:05:42Z");
    /** A stand-in SHA-256 of the lab's report (the document itself is never sent). */
    public static final String DOCUMENT_SHA256 =
            "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b";

    /** The envelope id of {@link #documentSupplied()}: the supply {@link #supplyPassedOver()} names. */
    public static final String DOCUMENT_SUPPLIED_EVENT_ID = "6f2d8a41-b3c7-4e95-9a0d-e7c1f5b3a286";
    /** The regulator passes the document over a second after it was supplied (the grant was first). */
    public static final Instant PASSED_OVER_AT = Instant.parse("2025-12-09T10:05:43.107Z");

    public static final String ORDER_SERVICE_SOURCE = Provenance.ORDER_SERVICE;
    public static final String REGULATOR_SERVICE_SOURCE = Provenance.REGULATOR_SERVICE;

    /** Fixed envelope ids, so encoded samples are byte-for-byte reproducible. */
    private static final Map<String, String> ENVELOPE_IDS = Map.of(
            OrderRequestedV1.TYPE, ORDER_REQUESTED_EVENT_ID,
            OrderRequestedV2.TYPE, "3e9a7c51-d2b4-4f60-8a1e-6b0c5d9f7e28",
            AuthorizationGrantedV1.TYPE, "5d2a9c7e-0f41-4e63-8b9a-1c6f3e8d4a27",
            AuthorizationDeniedV1.TYPE, "9f3b1d6c-2e85-4a70-b4c9-6e1d8a5f2c93",
            RevenueSharePaidV1.TYPE, "c6e0a4b9-8d17-4f2e-a3b5-0e9f7c2d1a64",
            OrderCancelledV1.TYPE, "71a8f2d5-4c9e-4b03-9d6a-3f5b8e0c2d19",
            AuthorizationPendingV1.TYPE, "3e6c0b8d-5a17-4f92-8c4e-b1d7a9f20e58",
            UsageScenarioSuppliedV1.TYPE, "d0b4e7a1-9c36-4e85-a2f1-6b8c3d5e7f90",
            DocumentSuppliedV1.TYPE, DOCUMENT_SUPPLIED_EVENT_ID,
            SupplyPassedOverV1.TYPE, "b7e1c3a9-4d58-4f06-8e2b-9c0a6d4f1e73");

    private WireEventSamples() {
    }

    public static OrderRequestedV1 orderRequested() {
        return orderRequested(ORDER_ID);
    }

    public static OrderRequestedV1 orderRequested(String orderId) {
        return new OrderRequestedV1(orderId, CUSTOMER_ID, CUSTOMER_NAME, PRODUCT_SKU,
                PRODUCT_FAMILY, QUANTITY, UNIT_PRICE, UNIT_PRICE.times(QUANTITY), USAGE_SCENARIO,
                "SAP-SO-4500871233", REQUESTED_AT, "erp:sap-prod");
    }

    /** The same order with every optional field absent, as an older producer would send it. */
    public static OrderRequestedV1 orderRequestedWithoutOptionalFields() {
        return new OrderRequestedV1(ORDER_ID, CUSTOMER_ID, CUSTOMER_NAME, PRODUCT_SKU,
                PRODUCT_FAMILY, QUANTITY, UNIT_PRICE, GROSS_AMOUNT, null, null, REQUESTED_AT, null);
    }

    /** The V2 request: the same order, exported to China for a buyer whose parent sits in the Caymans. */
    public static OrderRequestedV2 orderRequestedV2() {
        return orderRequestedV2(ORDER_ID);
    }

    public static OrderRequestedV2 orderRequestedV2(String orderId) {
        OrderRequestedV1 v1 = orderRequested(orderId);
        return new OrderRequestedV2(orderId, CUSTOMER_ID, CUSTOMER_NAME, PRODUCT_SKU, PRODUCT_FAMILY,
                QUANTITY, UNIT_PRICE, v1.grossAmount(), v1.usageScenario(), v1.erpReference(),
                REQUESTED_AT, v1.requestedBy(), "CN", TransactionKind.EXPORT, "CN", "KY");
    }

    /** The V2 request with every optional field absent (China needs no headquarters). */
    public static OrderRequestedV2 orderRequestedV2WithoutOptionalFields() {
        return new OrderRequestedV2(ORDER_ID, CUSTOMER_ID, CUSTOMER_NAME, PRODUCT_SKU, PRODUCT_FAMILY,
                QUANTITY, UNIT_PRICE, GROSS_AMOUNT, null, null, REQUESTED_AT, null, "MO",
                TransactionKind.EXPORT, null, null);
    }

    public static AuthorizationGrantedV1 authorizationGranted() {
        return authorizationGranted(ORDER_ID);
    }

    public static AuthorizationGrantedV1 authorizationGranted(String orderId) {
        return new AuthorizationGrantedV1(orderId, AUTHORIZATION_ID, ORDER_REQUESTED_EVENT_ID,
                usExportApproved(),
                new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, CN_REFERENCE,
                        null, "Usage scenario accepted"),
                GrantConditions.defaults(), POLICY_VERSION, "policy", DECIDED_AT, GRANT_CLAUSE);
    }

    public static AuthorizationDeniedV1 authorizationDenied() {
        return authorizationDenied(ORDER_ID);
    }

    public static AuthorizationDeniedV1 authorizationDenied(String orderId) {
        String code = "USAGE_SCENARIO_UNACCEPTABLE";
        String why = "Usage scenario does not name the data centre's end users";
        return new AuthorizationDeniedV1(orderId, AUTHORIZATION_ID, ORDER_REQUESTED_EVENT_ID,
                List.of(new DenialReason(TrackDecision.CN_IMPORT, code, why)),
                usExportApproved(),
                new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.REFUSED, CN_REFERENCE,
                        code, why),
                POLICY_VERSION, "officer:li.wei", DECIDED_AT, DENIAL_CLAUSE);
    }

    private static TrackDecision usExportApproved() {
        return new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, US_REFERENCE,
                null, "Designated customer; H200 family is licensable");
    }

    /** Treasury remits the whole share in one payment. */
    public static RevenueSharePaidV1 revenueSharePaid() {
        return revenueSharePaid(ORDER_ID, RevenueShare.of(GROSS_AMOUNT, RevenueShare.DEFAULT_RATE));
    }

    public static RevenueSharePaidV1 revenueSharePaid(String orderId, Money amount) {
        return new RevenueSharePaidV1(orderId, PAYMENT_ID, AUTHORIZATION_ID, amount,
                TREASURY_REFERENCE, RevenueShare.DEFAULT_PAYEE, PAID_AT, "treasury:j.alvarez");
    }

    /** An authorized order cancelled before any share was paid: it voids the grant. */
    public static OrderCancelledV1 orderCancelled() {
        return orderCancelled(ORDER_ID);
    }

    public static OrderCancelledV1 orderCancelled(String orderId) {
        return new OrderCancelledV1(orderId, "AUTHORIZED", AUTHORIZATION_ID,
                "Buyer withdrew the purchase order", CANCELLED_AT, "erp:sap-prod");
    }

    /** An order cancelled while it still waited for a decision: there is no grant to void. */
    public static OrderCancelledV1 orderCancelledWhileRequested() {
        return new OrderCancelledV1(ORDER_ID, "REQUESTED", null, null, CANCELLED_AT, null);
    }

    /** The application waits for a better usage scenario than the (thin) one it had. */
    public static AuthorizationPendingV1 authorizationPending() {
        return authorizationPending(ORDER_ID);
    }

    public static AuthorizationPendingV1 authorizationPending(String orderId) {
        return new AuthorizationPendingV1(orderId, AuthorizationPendingV1.USAGE_SCENARIO,
                TrackDecision.CN_IMPORT, "USAGE_SCENARIO_UNACCEPTABLE",
                "The usage scenario is too thin: 12 characters, at least 40 required", POLICY_VERSION,
                SCENARIO_CLAUSE, DECIDED_AT);
    }

    /** The buyer's ERP supplies the scenario the application waits for. */
    public static UsageScenarioSuppliedV1 usageScenarioSupplied() {
        return usageScenarioSupplied(ORDER_ID);
    }

    public static UsageScenarioSuppliedV1 usageScenarioSupplied(String orderId) {
        return new UsageScenarioSuppliedV1(orderId, USAGE_SCENARIO, "erp:sap-prod", SCENARIO_SUPPLIED_AT);
    }

    /** The buyer's ERP supplies the lab's report the application waits for. */
    public static DocumentSuppliedV1 documentSupplied() {
        return documentSupplied(ORDER_ID);
    }

    public static DocumentSuppliedV1 documentSupplied(String orderId) {
        return new DocumentSuppliedV1(orderId, DocumentKind.LAB_TEST_REPORT, "US Accelerator Test Labs Inc.",
                LocalDate.parse("2025-12-08"), LocalDate.parse("2026-02-06"), "LAB-2025-1187", DOCUMENT_SHA256,
                "erp:sap-prod", DOCUMENT_SUPPLIED_AT);
    }

    /** The lab's report reached the application after its grant and was passed over. */
    public static SupplyPassedOverV1 supplyPassedOver() {
        return supplyPassedOver(ORDER_ID);
    }

    public static SupplyPassedOverV1 supplyPassedOver(String orderId) {
        return new SupplyPassedOverV1(orderId, SupplyPassedOverV1.DOCUMENT, DOCUMENT_SUPPLIED_EVENT_ID,
                DocumentKind.LAB_TEST_REPORT, "GRANTED", PASSED_OVER_AT);
    }

    /** A usage scenario passed over: it names no document kind. */
    public static SupplyPassedOverV1 scenarioPassedOver() {
        return new SupplyPassedOverV1(ORDER_ID, SupplyPassedOverV1.USAGE_SCENARIO,
                ENVELOPE_IDS.get(UsageScenarioSuppliedV1.TYPE), null, "DENIED", PASSED_OVER_AT);
    }

    /** One sample of every wire event type, each equal to its JSON fixture. */
    public static List<WireEvent> all() {
        return List.of(orderRequested(), orderRequestedV2(), authorizationGranted(), authorizationDenied(),
                revenueSharePaid(), orderCancelled(), authorizationPending(), usageScenarioSupplied(),
                documentSupplied(), supplyPassedOver());
    }

    /** Valid records that leave optional fields out; a reader must accept them too. */
    public static List<WireEvent> sparse() {
        return List.of(orderRequestedWithoutOptionalFields(), orderRequestedV2WithoutOptionalFields(),
                orderCancelledWhileRequested(), scenarioPassedOver());
    }

    /** The sample of one {@code ce_type}. */
    public static WireEvent of(String ceType) {
        return all().stream()
                .filter(event -> EventTypes.typeOf(event).equals(ceType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample for " + ceType));
    }

    /** The sample wrapped in its envelope, with a fixed id and the producing service's source. */
    public static Envelope envelope(WireEvent event) {
        return Envelope.of(ENVELOPE_IDS.get(EventTypes.typeOf(event)), Provenance.sourceOf(event),
                event);
    }

    /** The event under a random envelope id: a new delivery, which consumers must not dedupe. */
    public static Envelope envelopeWithNewId(WireEvent event) {
        return Envelope.of(UUID.randomUUID().toString(), envelope(event).source(), event);
    }

    /** The classpath name of a type's JSON fixture. */
    public static String sampleResource(String ceType) {
        return "samples/" + ceType + ".json";
    }

    /** The bytes of a type's JSON fixture, as a producer in another language might write them. */
    public static byte[] sampleJson(String ceType) {
        String name = sampleResource(ceType);
        try (InputStream in = WireEventSamples.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
