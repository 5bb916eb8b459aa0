package io.tollgate.regulator.api;

/**
 * Lifecycle of an application: RECEIVED → (AWAITING_DOCUMENTS) → (USAGE_SCENARIO_REQUESTED) →
 * (PENDING_REVIEW) → GRANTED | DENIED, or WITHDRAWN when the order is cancelled before a decision. A
 * grant that does not fit within the US-volume cap waits in AWAITING_US_VOLUME until US shipment
 * reports make room (then GRANTED, or DENIED when its wait expires).
 */
public enum ApplicationStatus {
    RECEIVED,
    USAGE_SCENARIO_REQUESTED,
    PENDING_REVIEW,
    GRANTED,
    DENIED,
    WITHDRAWN,
    /** Documents the version in force requires are missing or expired (docs/policy-documents.md). */
    AWAITING_DOCUMENTS,
    /** Everything else grants, but the units do not fit within the US-volume cap (docs/policy-us-volume.md). */
    AWAITING_US_VOLUME;

    public boolean isDecided() {
        return this == GRANTED || this == DENIED;
    }

    public boolean isOpen() {
        return this == RECEIVED || this == USAGE_SCENARIO_REQUESTED || this == PENDING_REVIEW
                || this == AWAITING_DOCUMENTS || this == AWAITING_US_VOLUME;
    }
}
