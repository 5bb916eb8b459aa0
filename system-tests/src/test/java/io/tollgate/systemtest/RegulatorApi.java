package io.tollgate.systemtest;

import io.tollgate.contracts.Roles;
import io.tollgate.deploy.local.LocalUsers;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * regulator-service's public API as compliance officers call it: rule changes are proposed by
 * {@code compliance} and approved by the second officer ({@link LocalUsers#SECOND_COMPLIANCE}).
 */
final class RegulatorApi {

    private final Http compliance;
    private final Http approver;

    RegulatorApi(TollgateStack stack) {
        this.compliance = new Http(stack.credentials(), Roles.COMPLIANCE, stack.regulator().baseUrl());
        this.approver = new Http(stack.credentials(), LocalUsers.SECOND_COMPLIANCE, stack.regulator().baseUrl());
    }

    /**
     * Puts a customer on the designated register (no unit cap): proposed (201), approved (200) by
     * the other officer; answers the entry now in force.
     */
    JsonNode designate(String customerId, String name, String country) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("country", country);
        approve(propose("designations/" + customerId, body));
        return designation(customerId);
    }

    /** Proposes a rule change as {@code compliance}; answers the proposal's path. */
    String propose(String proposalPath, Object body) {
        String location = compliance.post("/api/v1/proposals/" + proposalPath, body).expect(201).location()
            .orElseThrow(() -> new AssertionError("a proposal answered without Location"));
        return location.substring(location.indexOf("/api/v1/proposals/"));
    }

    /** Approves a proposal as the second officer; expects 200 and answers the decided proposal. */
    JsonNode approve(String proposalPath) {
        return approver.post(proposalPath + "/approve", null).expect(200).json();
    }

    JsonNode designation(String customerId) {
        return compliance.get("/api/v1/designations/" + customerId).expect(200).json();
    }

    Http.Reply findApplication(String orderId) {
        return compliance.get("/api/v1/applications/" + orderId);
    }

    JsonNode application(String orderId) {
        return findApplication(orderId).expect(200).json();
    }

    Http.Reply supplyUsageScenario(String orderId, String scenario) {
        return compliance.post("/api/v1/applications/" + orderId + "/usage-scenario",
            Map.of("usageScenario", scenario));
    }

    Http.Reply decide(String orderId, String decision, String reason) {
        return compliance.post("/api/v1/applications/" + orderId + "/decision",
            Map.of("decision", decision, "reason", reason));
    }

    JsonNode policy() {
        return compliance.get("/api/v1/policy").expect(200).json();
    }

    /** The reason codes an application names (denials and requests for more). */
    static List<String> reasonCodes(JsonNode application) {
        List<String> codes = new ArrayList<>();
        application.path("reasons").forEach(reason -> codes.add(reason.path("code").asText()));
        return codes;
    }
}
