package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * At least one track refused the order; nothing is owed. Published by regulator-service.
 *
 * @param policyClause the clause of {@code policyVersion} that decided (optional: absent from
 *                     denials published before decisions named their clause)
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
        @JsonProperty(required = true) Instant occurredAt,
        String policyClause) implements WireEvent {

    public static final String TYPE = "tollgate.authorization.denied.v1";

    /** A denial that names no clause: the shape published before clauses existed. */
    public AuthorizationDeniedV1(String orderId, String authorizationId, String requestEventId,
                                 List<DenialReason> reasons, TrackDecision usExport,
                                 TrackDecision cnImport, String policyVersion, String decidedBy,
                                 Instant occurredAt) {
        this(orderId, authorizationId, requestEventId, reasons, usExport, cnImport, policyVersion,
                decidedBy, occurredAt, null);
    }

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
        if (policyVersion.length() > WireLimits.POLICY_VERSION_CHARS_MAX) {
            throw new ContractViolationException("policyVersion", "must be at most "
                    + WireLimits.POLICY_VERSION_CHARS_MAX + " characters");
        }
        if (policyClause != null && (policyClause.isBlank()
                || policyClause.length() > WireLimits.POLICY_CLAUSE_CHARS_MAX)) {
            throw new ContractViolationException("policyClause", "must be 1 to "
                    + WireLimits.POLICY_CLAUSE_CHARS_MAX + " characters when present");
        }
    }
}
