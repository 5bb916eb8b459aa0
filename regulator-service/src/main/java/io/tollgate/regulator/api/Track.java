package io.tollgate.regulator.api;

import io.tollgate.contracts.TrackDecision;

/** The two regulatory tracks every application passes; names equal the wire's track names. */
public enum Track {
    US_EXPORT(TrackDecision.US_EXPORT),
    CN_IMPORT(TrackDecision.CN_IMPORT);

    private final String wireName;

    Track(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
