package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Both tracks approved the order; the revenue share named in the conditions is now owed.
 * Published by regulator-service on {@link Topics#AUTHORIZATIONS}.
 *
 * @param decidedBy    "policy" when the rules decided, or the compliance officer's principal
 * @param policyClause the clause of {@code policyVersion} that decided (optional: absent from
 *                     grants published before decisions named their clause)
 */
public record AuthorizationGrantedV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String authorizationId,
        @JsonProperty(required = true) String requestEventId,
        @JsonProperty(required = true) TrackDecision usExport,
        @JsonProperty(required = true) TrackDecision cnImport,
        @JsonProperty(required = true) GrantConditions conditions,
        @JsonProperty(required = true) String policyVersion,
        @JsonProperty(required = true) String decidedBy,
        @JsonProperty(required = true) Instant occurredAt,
        String policyClause) implements WireEvent {

    public static final String TYPE = "tollgate.authorization.granted.v1";

    /** A grant that names no clause: the shape published before clauses existed. */
    public AuthorizationGrantedV1(String orderId, String authorizationId, String requestEventId,
                                  TrackDecision usExport, TrackDecision cnImport,
                                  GrantConditions conditions, String policyVersion, String decidedBy,
                                  Instant occurredAt) {
        this(orderId, authorizationId, requestEventId, usExport, cnImport, conditions, policyVersion,
                decidedBy, occurredAt, null);
    }

    private static void requireApproved(String field, TrackDecision decision, String track) {
        if (!decision.track().equals(track)) {
            throw new ContractViolationException(field + ".track", "must be " + track);
        }
        if (!decision.outcome().equals(TrackDecision.APPROVED)) {
            throw new ContractViolationException(field + ".outcome", "must be APPROVED in a grant");
        }
    }

    public AuthorizationGrantedV1 {
        Require.text("orderId", orderId);
        Require.text("authorizationId", authorizationId);
        Require.text("requestEventId", requestEventId);
        Require.present("usExport", usExport);
        Require.present("cnImport", cnImport);
        Require.present("conditions", conditions);
        requireApproved("usExport", usExport, TrackDecision.US_EXPORT);
        requireApproved("cnImport", cnImport, TrackDecision.CN_IMPORT);
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
