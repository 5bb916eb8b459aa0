package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Why a track refused. {@code code} is stable and never reused; {@code text} is for people.
 * Known codes: PRODUCT_PROHIBITED, PRODUCT_UNKNOWN, CUSTOMER_NOT_DESIGNATED, CUSTOMER_REVOKED,
 * UNIT_CAP_EXCEEDED, USAGE_SCENARIO_MISSING, USAGE_SCENARIO_UNACCEPTABLE, OFFICER_DENIED,
 * TRANSACTION_PRESUMPTION_OF_DENIAL, HEADQUARTERS_LICENCE_REQUIRED, DESTINATION_PRESUMPTION_OF_DENIAL,
 * OUTSIDE_LICENSING_SCOPE.
 */
public record DenialReason(
        @JsonProperty(required = true) String track,
        @JsonProperty(required = true) String code,
        @JsonProperty(required = true) String text) {

    public DenialReason {
        Require.text("track", track);
        Require.text("code", code);
        Require.text("text", text);
        if (!track.equals(TrackDecision.US_EXPORT) && !track.equals(TrackDecision.CN_IMPORT)) {
            throw new ContractViolationException("track", "must be US_EXPORT or CN_IMPORT");
        }
    }
}
