package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Roles;
import io.tollgate.deploy.demo.ComplianceSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compliance steps every licensable order takes under the policy in force from 15 January
 * 2026, as the people who take them call the regulator: the ERP reports the units it shipped to US
 * end use per product class and quarter (the 50% cap), and a compliance officer supplies the
 * buyer's KYC attestation and the lab's report of an order when its application waits for them.
 * The request bodies are the deploy module's ({@link ComplianceSteps}), as the demo sends them.
 */
final class Compliance {

    /**
     * US units the ERP reports per product class before a test orders: half of them may be granted
     * to China, far more than any test orders in a quarter.
     */
    static final long AMPLE_US_UNITS = 10_000_000;
    static final String AWAITING_DOCUMENTS = ComplianceSteps.AWAITING_DOCUMENTS;

    private final Http erp;
    private final Http officer;

    Compliance(TollgateStack stack) {
        this.erp = new Http(stack.credentials(), Roles.ERP, stack.regulator().baseUrl());
        this.officer = new Http(stack.credentials(), Roles.COMPLIANCE, stack.regulator().baseUrl());
    }

    /**
     * The ERP reports {@link #AMPLE_US_UNITS} shipped to US end use this quarter for the product
     * class of each SKU (once per class: the report id is the class and quarter's, so a second
     * call on the same stack records nothing). Expects each recorded.
     */
    void reportAmpleUsShipments(String... skus) {
        Set<String> classes = new LinkedHashSet<>();
        for (String sku : skus) {
            classes.add(ComplianceSteps.productClass(sku));
        }
        String quarter = ComplianceSteps.quarter(Instant.now());
        for (String productClass : classes) {
            Http.Reply reply = reportUsShipments("ample-" + productClass.replace(' ', '_') + "-" + quarter,
                productClass, AMPLE_US_UNITS);
            if (reply.status() != 201 && reply.status() != 200) {
                throw new AssertionError(reply.request() + " answered " + reply.status() + ": " + reply.raw());
            }
        }
    }

    /** The ERP reports {@code units} of {@code productClass} shipped to US end use this quarter. */
    Http.Reply reportUsShipments(String reportId, String productClass, long units) {
        return erp.post("/api/v1/us-volume/reports", ComplianceSteps.usShipmentReport(reportId, productClass,
            ComplianceSteps.quarter(Instant.now()), units, "US deliveries " + reportId));
    }

    /** The US-volume figures of a class and quarter (the regulator's view, as the ERP reads it). */
    JsonNode usVolume(String productClass) {
        JsonNode page = erp.get("/api/v1/us-volume?productClass=" + productClass.replace(" ", "%20")
            + "&period=" + ComplianceSteps.quarter(Instant.now())).expect(200).json();
        return page.path("items").path(0);
    }

    /**
     * Waits until the order's application waits for documents, supplies the KYC attestation and
     * the lab report (each answered 200), and answers the application after the second.
     */
    JsonNode supplyDocumentsWhenAsked(RegulatorApi regulator, String orderId) {
        JsonNode application = Waits.applicationStatus(regulator, orderId, AWAITING_DOCUMENTS);
        JsonNode after = application;
        for (Map<String, Object> document : documents(application)) {
            after = supply(orderId, document).expect(200).json();
        }
        return after;
    }

    /** The order's two documents as the buyer and the lab issued them (the same ones on every call). */
    static List<Map<String, Object>> documents(JsonNode application) {
        return new ArrayList<>(ComplianceSteps.documents(application.path("orderId").asText(),
            application.path("customerName").asText(), ComplianceSteps.today()));
    }

    /** The officer supplies one document to the order's application. */
    Http.Reply supply(String orderId, Map<String, Object> document) {
        return supply(orderId, document, Map.of());
    }

    /** The same with request headers of the officer's own (e.g. the tool's {@code traceparent}). */
    Http.Reply supply(String orderId, Map<String, Object> document, Map<String, String> headers) {
        return officer.post(ComplianceSteps.documentsPath(orderId), document, headers);
    }

    /** Whether the application lists a supplied document with this reference. */
    static boolean recorded(JsonNode application, Map<String, Object> document) {
        for (JsonNode supplied : application.path("documents").path("supplied")) {
            if (supplied.path("reference").asText().equals(document.get("reference"))) {
                return true;
            }
        }
        return false;
    }
}
