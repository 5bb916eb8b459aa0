package io.tollgate.regulator.api;

import java.util.Objects;

/**
 * What one track concluded: APPROVED or REFUSED (final) or PENDING (waiting for a usage scenario
 * or an officer). {@code code} is a {@link ReasonCode} name, or a referral code while pending.
 */
public record TrackOutcome(Track track, Verdict verdict, String code, String text) {

    /** A track's conclusion. */
    public enum Verdict { APPROVED, REFUSED, PENDING }

    public TrackOutcome {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(verdict, "verdict");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("track outcome text is required");
        }
    }

    public static TrackOutcome approved(Track track, String text) {
        return new TrackOutcome(track, Verdict.APPROVED, null, text);
    }

    public static TrackOutcome refused(Reason reason) {
        return new TrackOutcome(reason.track(), Verdict.REFUSED, reason.code().name(), reason.text());
    }

    public static TrackOutcome pending(Track track, String code, String text) {
        return new TrackOutcome(track, Verdict.PENDING, code, text);
    }
}
