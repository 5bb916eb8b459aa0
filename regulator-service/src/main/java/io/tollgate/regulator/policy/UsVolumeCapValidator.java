package io.tollgate.regulator.policy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The rules of a version's {@code usVolumeCap} section ({@link PolicyValidator}); optional. */
final class UsVolumeCapValidator {

    /** The shortest wait a version may state: a wait shorter than a sweep is no wait. */
    static final Duration WAIT_MIN = Duration.ofSeconds(1);
    /** The longest wait: a year and a day, past the period the units are counted in. */
    static final Duration WAIT_MAX = Duration.ofDays(366);
    /** Decimal places of a ratio at most ("0.5", "0.50", "0.3333"). */
    static final int RATIO_SCALE_MAX = 4;
    private static final String RATIO = "(0|1)(\\.[0-9]{1," + RATIO_SCALE_MAX + "})?";

    private UsVolumeCapValidator() {
    }

    static void validate(UsVolumeCap cap, DestinationRules destinations) {
        if (cap == null) {
            return;
        }
        String at = "usVolumeCap";
        if (cap.clause() == null || !cap.clause().matches(PolicyValidator.CLAUSE)
                || PolicyValidator.RESERVED_CLAUSES.contains(cap.clause())) {
            throw new InvalidPolicyException(at + ".clause", "must match " + PolicyValidator.CLAUSE
                    + " and not name a clause every version shares");
        }
        if (cap.text() == null || cap.text().isBlank() || cap.text().length() > PolicyValidator.TEXT_MAX) {
            throw new InvalidPolicyException(at + ".text", "must be 1 to " + PolicyValidator.TEXT_MAX
                    + " characters");
        }
        if (cap.ratio() == null || !cap.ratio().matches(RATIO) || new BigDecimal(cap.ratio()).signum() <= 0
                || new BigDecimal(cap.ratio()).compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidPolicyException(at + ".ratio", "must be a decimal in (0, 1] with at most "
                    + RATIO_SCALE_MAX + " decimal places, such as \"0.50\"");
        }
        PolicyValidator.countries(at + ".destinations", cap.destinations(), 1);
        for (int i = 0; i < cap.destinations().size(); i++) {
            if (!destinations.reviewedDestinations().contains(cap.destinations().get(i))) {
                throw new InvalidPolicyException(at + ".destinations[" + i + "]", "must be one of"
                        + " destinations.reviewedDestinations: the cap limits licensed exports only");
            }
        }
        if (!UsVolumeCap.CALENDAR_QUARTER.equals(cap.period())) {
            throw new InvalidPolicyException(at + ".period", "must be " + UsVolumeCap.CALENDAR_QUARTER);
        }
        Duration wait;
        try {
            wait = cap.waitMax() == null ? null : Duration.parse(cap.waitMax());
        } catch (DateTimeParseException e) {
            wait = null;
        }
        if (wait == null || wait.compareTo(WAIT_MIN) < 0 || wait.compareTo(WAIT_MAX) > 0) {
            throw new InvalidPolicyException(at + ".waitMax", "must be an ISO-8601 duration from " + WAIT_MIN
                    + " to " + WAIT_MAX + ", such as \"P30D\"");
        }
    }
}
