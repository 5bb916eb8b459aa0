package io.tollgate.regulator.policy;

/**
 * Why a grant does not fit within the US-volume cap, with the figures: the application waits until
 * US reports (or returned units) make room for it.
 *
 * @param allowedUnits ratio × US units of the class and period, rounded down
 * @param headroom     what is left for this application: allowed − authorized − waiting ahead
 */
public record UsVolumeShortfall(UsVolumeCap cap, String productClass, String period, long units,
                                long usUnits, long authorizedUnits, long unitsWaitingAhead,
                                long allowedUnits, long headroom) {

    /** The figures in one sentence, as the wait is published. */
    public String text() {
        return units + " units of " + productClass + " in " + period + " do not fit within " + cap.ratio()
                + " of the " + usUnits + " units reported shipped to US end-use customers: " + allowedUnits
                + " may be authorized, " + authorizedUnits + " are, " + unitsWaitingAhead
                + " wait ahead of this order, headroom " + Math.max(headroom, 0) + " (clause "
                + cap.clause() + "); the application waits for US shipment reports for at most "
                + cap.waitMax();
    }
}
