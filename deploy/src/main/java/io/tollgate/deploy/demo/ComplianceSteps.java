package io.tollgate.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.ProductClassification;
import io.tollgate.contracts.Roles;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compliance steps the policy in force from 15 January 2026 asks before an order to China is
 * granted, as the people who take them call the regulator: the ERP reports the units it shipped to
 * US end-use customers per product class and quarter (docs/policy-us-volume.md), and a compliance
 * officer supplies the buyer's KYC attestation and the US lab's test report of each order waiting
 * for them (docs/policy-documents.md). The request bodies are built here once, for the demo, the
 * load generator and the system tests.
 */
public final class ComplianceSteps {

    public static final String AWAITING_DOCUMENTS = "AWAITING_DOCUMENTS";
    public static final String KYC_ATTESTATION = "BUYER_KYC_ATTESTATION";
    public static final String LAB_TEST_REPORT = "LAB_TEST_REPORT";
    /** The most units one report may carry (the feed's limit). */
    public static final long REPORT_UNITS_MAX = 1_000_000_000L;
    /** A yearly attestation: issued this many days before today, valid for a year from its issue. */
    private static final int KYC_AGE_DAYS = 10;
    /** The lab's report of this shipment: issued yesterday, valid for sixty days. */
    private static final int LAB_AGE_DAYS = 1;
    private static final int LAB_VALID_DAYS = 60;

    private final ApiClient api;

    public ComplianceSteps(ApiClient api) {
        this.api = api;
    }

    /**
     * The product class the US-volume cap counts a SKU in: its catalogue model ({@code H200} for
     * both {@code H200-SXM-141GB} and {@code H200-NVL}).
     *
     * @throws IllegalArgumentException for a SKU the catalogue does not know (it has no class)
     */
    public static String productClass(String sku) {
        ProductClassification classified = ProductCatalogue.standard().classify(sku);
        if (!classified.known()) {
            throw new IllegalArgumentException(classified.refusal());
        }
        return classified.product().model();
    }

    /** The calendar quarter (UTC) of {@code instant} as the feed writes it, e.g. {@code 2026-Q4}. */
    public static String quarter(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }

    /** The body of {@code POST /api/v1/us-volume/reports}. */
    public static Map<String, Object> usShipmentReport(String reportId, String productClass, String period,
                                                       long units, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportId", reportId);
        body.put("productClass", productClass);
        body.put("period", period);
        body.put("units", units);
        body.put("reference", reference);
        return body;
    }

    /**
     * The two documents an order's application needs, as the buyer and the lab issued them for it:
     * the same order and day give the same documents (so a repeat records nothing).
     */
    public static List<Map<String, Object>> documents(String orderId, String customerName, LocalDate today) {
        return List.of(
            document(KYC_ATTESTATION, customerName + " compliance office", today.minusDays(KYC_AGE_DAYS),
                today.minusDays(KYC_AGE_DAYS).plusDays(365), "KYC-" + orderId),
            document(LAB_TEST_REPORT, "US Accelerator Test Labs Inc.", today.minusDays(LAB_AGE_DAYS),
                today.minusDays(LAB_AGE_DAYS).plusDays(LAB_VALID_DAYS), "LAB-" + orderId));
    }

    /** The path documents are supplied to, on the regulator. */
    public static String documentsPath(String orderId) {
        return "/api/v1/applications/" + orderId + "/documents";
    }

    /** Today as the regulator judges documents (UTC). */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * Reports {@code units} shipped to US end use of {@code productClass} this quarter, as the ERP
     * (role {@code erp}) does; {@code reportId} makes a repeat harmless. Fails unless recorded.
     */
    public void reportUsShipments(String reportId, String productClass, long units) {
        Map<String, Object> body = usShipmentReport(reportId, productClass, quarter(Instant.now()), units,
            "US deliveries " + reportId);
        ApiClient.Response r = api.post(Roles.ERP, api.endpoints().regulator() + "/api/v1/us-volume/reports",
            body);
        if (!r.isSuccess()) {
            throw new DemoFailure("US shipment report " + reportId + " refused: HTTP " + r.status() + " "
                + r.raw());
        }
    }

    /**
     * Supplies both documents if the order's application waits for them now; answers whether it
     * did (false: not received yet, or waiting for something else). Fails on a refusal.
     */
    public boolean supplyDocumentsIfAsked(String orderId) {
        ApiClient.Response application = application(orderId);
        if (!AWAITING_DOCUMENTS.equals(application.text("status"))) {
            return false;
        }
        supplyDocuments(orderId, application.text("customerName"));
        return true;
    }

    /** Waits (bounded) until the order's application waits for documents, then supplies both. */
    public void supplyDocumentsWhenAsked(String orderId, Duration timeout) {
        String[] last = {""};
        JsonNode application = Await.until("application " + orderId + " to wait for documents", timeout, () -> {
            ApiClient.Response r = application(orderId);
            last[0] = r.status() + " " + r.raw();
            return AWAITING_DOCUMENTS.equals(r.text("status")) ? Optional.of(r.body()) : Optional.empty();
        }, () -> last[0]);
        supplyDocuments(orderId, application.path("customerName").asText());
    }

    private void supplyDocuments(String orderId, String customerName) {
        for (Map<String, Object> document : documents(orderId, customerName, today())) {
            ApiClient.Response r = api.post(Roles.COMPLIANCE, api.endpoints().regulator()
                + documentsPath(orderId), document);
            if (!r.isSuccess()) {
                throw new DemoFailure("supplying " + document.get("kind") + " for " + orderId
                    + " refused: HTTP " + r.status() + " " + r.raw());
            }
        }
    }

    private ApiClient.Response application(String orderId) {
        return api.get(Roles.COMPLIANCE, api.endpoints().regulator() + "/api/v1/applications/" + orderId);
    }

    private static Map<String, Object> document(String kind, String issuer, LocalDate issuedOn,
                                                LocalDate expiresOn, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", kind);
        body.put("issuer", issuer);
        body.put("issuedOn", issuedOn.toString());
        body.put("expiresOn", expiresOn.toString());
        body.put("reference", reference);
        body.put("sha256", sha256(kind + " " + reference + " issued " + issuedOn + " by " + issuer));
        return body;
    }

    /**
     * The SHA-256 of the paper the buyer keeps: here a stand-in text naming the document, since the
     * document itself is never sent.
     */
    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
