package io.tollgate.systemtest;

import io.tollgate.contracts.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** regulator-service's public API as a compliance officer calls it. */
final class RegulatorApi {

    private final Http compliance;

    RegulatorApi(TollgateStack stack) {
        this.compliance = new Http(stack.credentials(), Roles.COMPLIANCE, stack.regulator().baseUrl());
    }

    /** Puts a customer on the designated register (no unit cap); expects 200. */
    JsonNode designate(String customerId, String name, String country) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("country", country);
        return compliance.put("/api/v1/designations/" + customerId, body).expect(200).json();
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
