package io.tollgate.regulator.api;

import java.util.Objects;

/** One reason a track refused (or asks for more): the track, a stable code and a sentence. */
public record Reason(Track track, ReasonCode code, String text) {

    public Reason {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(code, "code");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("reason text is required");
        }
    }
}
