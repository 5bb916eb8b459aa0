package io.tollgate.regulator.policy;

import java.util.Objects;

/**
 * What the US-volume feed says about one product class and period when an application is decided:
 * the units reported shipped to US end-use customers, the units already authorized to the capped
 * destinations, and the units of applications waiting ahead of this one (requested earlier), which
 * a later order never overtakes.
 */
public record UsVolumeStanding(String productClass, String period, long usUnits, long authorizedUnits,
                               long unitsWaitingAhead) {

    public UsVolumeStanding {
        Objects.requireNonNull(productClass, "productClass");
        Objects.requireNonNull(period, "period");
        if (usUnits < 0 || authorizedUnits < 0 || unitsWaitingAhead < 0) {
            throw new IllegalArgumentException("US-volume figures must not be negative");
        }
    }

    /** A class and period nobody reported US shipments for yet. */
    public static UsVolumeStanding nothingReported(String productClass, String period) {
        return new UsVolumeStanding(productClass, period, 0, 0, 0);
    }
}
