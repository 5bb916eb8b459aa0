package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The application of an order now waits, and says for what: a usage scenario from the buyer
 * ({@link #USAGE_SCENARIO}), documents the policy version requires ({@link #DOCUMENTS}), a
 * compliance officer's review ({@link #OFFICER_REVIEW}) or US shipment reports that make room under
 * the US-volume cap ({@link #US_VOLUME}). Published by
 * regulator-service each time an application starts waiting (again), on the authorizations topic
 * before the decision that ends the wait. Nothing is decided and no money moves. The regulator's
 * application has no id of its own: it is the order's ({@code orderId}).
 *
 * @param waitingFor  what the application waits for; an open set (names may be added within v1):
 *                    readers treat an unknown value as "waiting, not for the reader"
 * @param track       the track that waits, US_EXPORT or CN_IMPORT (optional)
 * @param code        the stable code of why it waits, e.g. USAGE_SCENARIO_MISSING,
 *                    USAGE_SCENARIO_UNACCEPTABLE, QUANTITY_ABOVE_REVIEW_THRESHOLD, NECESSITY_EXEMPTION_CLAIMED,
 *                    DOCUMENT_MISSING (some required document is missing), DOCUMENT_EXPIRED (none is
 *                    missing, some has expired), US_VOLUME_CAP_EXCEEDED
 * @param requirement what is asked, for people: e.g. the necessity category's rule the scenario
 *                    has to meet, why an officer must look, or each document kind that is missing
 *                    or expired, one per line ({@code KIND: missing|expired ...})
 */
public record AuthorizationPendingV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String waitingFor,
        String track,
        @JsonProperty(required = true) String code,
        @JsonProperty(required = true) String requirement,
        @JsonProperty(required = true) String policyVersion,
        String policyClause,
        @JsonProperty(required = true) Instant occurredAt) implements WireEvent {

    public static final String TYPE = "tollgate.authorization.pending.v1";

    /** The buyer has to supply (a better) usage scenario: see {@link UsageScenarioSuppliedV1}. */
    public static final String USAGE_SCENARIO = "USAGE_SCENARIO";
    /**
     * Documents the policy version requires are missing or expired (see {@code code} and
     * {@code requirement}); supplying them ends the wait.
     */
    public static final String DOCUMENTS = "DOCUMENTS";
    /** A compliance officer has to review the application. */
    public static final String OFFICER_REVIEW = "OFFICER_REVIEW";
    /**
     * The grant does not fit within the US-volume cap of its product class and period: it waits for
     * the exporter's reports of US shipments (the requirement gives the figures), or is denied when
     * the wait expires. Nothing is asked of the buyer.
     */
    public static final String US_VOLUME = "US_VOLUME";

    public AuthorizationPendingV1 {
        Require.text("orderId", orderId);
        Require.name("waitingFor", waitingFor);
        Require.name("code", code);
        Require.text("requirement", requirement);
        if (requirement.length() > WireLimits.PENDING_REQUIREMENT_CHARS_MAX) {
            throw new ContractViolationException("requirement", "must be at most "
                    + WireLimits.PENDING_REQUIREMENT_CHARS_MAX + " characters");
        }
        Require.text("policyVersion", policyVersion);
        if (policyVersion.length() > WireLimits.POLICY_VERSION_CHARS_MAX) {
            throw new ContractViolationException("policyVersion", "must be at most "
                    + WireLimits.POLICY_VERSION_CHARS_MAX + " characters");
        }
        if (policyClause != null && (policyClause.isBlank()
                || policyClause.length() > WireLimits.POLICY_CLAUSE_CHARS_MAX)) {
            throw new ContractViolationException("policyClause", "must be 1 to "
                    + WireLimits.POLICY_CLAUSE_CHARS_MAX + " characters when present");
        }
        if (track != null && !track.equals(TrackDecision.US_EXPORT) && !track.equals(TrackDecision.CN_IMPORT)) {
            throw new ContractViolationException("track", "must be US_EXPORT or CN_IMPORT when present");
        }
        Require.present("occurredAt", occurredAt);
    }
}
