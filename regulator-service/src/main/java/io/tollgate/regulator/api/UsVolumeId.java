package io.tollgate.regulator.api;

import java.util.regex.Pattern;

/**
 * The id of one product class's US volume in one period ({@code 2026-Q4/H200}): the identifier of
 * its {@code UsVolume} aggregate. The period comes first so ids of one quarter sort together.
 */
public final class UsVolumeId {

    /** A calendar quarter as {@link Quarter} writes it. */
    public static final Pattern PERIOD = Pattern.compile("[0-9]{4}-Q[1-4]");

    private UsVolumeId() {
    }

    public static String of(String productClass, String period) {
        if (productClass == null || productClass.isBlank()) {
            throw new IllegalArgumentException("productClass is required");
        }
        if (period == null || !PERIOD.matcher(period).matches()) {
            throw new IllegalArgumentException("period must be a calendar quarter such as 2026-Q1: " + period);
        }
        return period + "/" + productClass;
    }
}
