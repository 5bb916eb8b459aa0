package io.tollgate.regulator.policy;

import java.time.Duration;
import java.util.List;

/**
 * The 50% US-volume cap of a policy version as data: authorizations of a product class to the
 * listed destinations stay within {@code ratio} of the units the exporter reported shipped to US
 * end-use customers in the same period. Validated by {@link PolicyValidator}; the rule itself is
 * {@link UsVolumeRule}.
 *
 * @param clause       the clause a wait, and a denial when the wait expires, name
 * @param text         the rule as published, for people
 * @param ratio        the share of US units that may be authorized, a decimal such as "0.50"
 * @param destinations the destinations it applies to (ISO 3166-1 alpha-2), each one the version
 *                     reviews
 * @param period       the period US units and authorizations are counted in: {@link #CALENDAR_QUARTER}
 * @param waitMax      how long an application may wait for US units before it is denied
 *                     (ISO-8601 duration, e.g. "P30D")
 */
public record UsVolumeCap(String clause, String text, String ratio, List<String> destinations,
                          String period, String waitMax) {

    /** Calendar quarters in UTC, as the customer unit cap counts them ({@code api.Quarter}). */
    public static final String CALENDAR_QUARTER = "CALENDAR_QUARTER";

    public UsVolumeCap {
        destinations = destinations == null ? null : List.copyOf(destinations);
    }

    public boolean appliesTo(String destination) {
        return destinations.contains(destination);
    }

    /** The units of a class and period that may be authorized: ratio × US units, rounded down. */
    public long allowedUnits(long usUnits) {
        return UsVolumeRule.allowedUnits(ratio, usUnits);
    }

    public Duration waitMaxDuration() {
        return Duration.parse(waitMax);
    }
}
