package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * At least one track refused the order; nothing is owed. Published by regulator-service.
 */
public record AuthorizationDeniedV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String authorizationId,
        @JsonProperty(required = true) String requestEventId,
        @JsonProperty(required = true) List<DenialReason> reasons,
        TrackDecision usExport,
        TrackDecision cnImport,
        @JsonProperty(required = true) String policyVersion,
        @JsonProperty(required = true) String decidedBy,
        @JsonProperty(required = true) Instant occurredAt) implements WireEvent {

    public static final String TYPE = "tollgate.authorization.denied.v1";

    public AuthorizationDeniedV1 {
        Require.text("orderId", orderId);
        Require.text("authorizationId", authorizationId);
        Require.text("requestEventId", requestEventId);
        Require.present("reasons", reasons);
        if (reasons.isEmpty()) {
            throw new ContractViolationException("reasons", "must name at least one reason");
        }
        for (int i = 0; i < reasons.size(); i++) {
            if (reasons.get(i) == null) {
                throw new ContractViolationException("reasons[" + i + "]", "is required");
            }
        }
        reasons = List.copyOf(reasons);
        Require.text("policyVersion", policyVersion);
        Require.text("decidedBy", decidedBy);
        Require.present("occurredAt", occurredAt);
    }
}
