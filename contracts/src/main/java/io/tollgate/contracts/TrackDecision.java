package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one regulatory track decided and why.
 *
 * @param track     US_EXPORT or CN_IMPORT
 * @param outcome   APPROVED or REFUSED
 * @param reference the regulator's reference for this decision (licence or file number)
 * @param code      a stable reason code; see {@link DenialReason}
 * @param text      a human explanation
 */
public record TrackDecision(
        @JsonProperty(required = true) String track,
        @JsonProperty(required = true) String outcome,
        String reference,
        String code,
        String text) {

    public static final String US_EXPORT = "US_EXPORT";
    public static final String CN_IMPORT = "CN_IMPORT";
    public static final String APPROVED = "APPROVED";
    public static final String REFUSED = "REFUSED";

    public TrackDecision {
        Require.text("track", track);
        Require.text("outcome", outcome);
        if (!track.equals(US_EXPORT) && !track.equals(CN_IMPORT)) {
            throw new ContractViolationException("track", "must be US_EXPORT or CN_IMPORT");
        }
        if (!outcome.equals(APPROVED) && !outcome.equals(REFUSED)) {
            throw new ContractViolationException("outcome", "must be APPROVED or REFUSED");
        }
    }
}
