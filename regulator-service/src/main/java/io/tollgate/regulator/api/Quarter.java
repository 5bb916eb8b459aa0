package io.tollgate.regulator.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Calendar quarters in UTC, written {@code 2026-Q4}: the period unit caps count in. */
public final class Quarter {

    private Quarter() {
    }

    public static String of(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return t.getYear() + "-Q" + ((t.getMonthValue() - 1) / 3 + 1);
    }
}
