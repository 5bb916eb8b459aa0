package io.tollgate.regulator.command;

import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.Track;
import io.tollgate.regulator.api.TrackOutcome;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import io.tollgate.regulator.policy.ApplicationFacts;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.UsVolumeRule;
import io.tollgate.regulator.policy.UsVolumeShortfall;
import io.tollgate.regulator.policy.UsVolumeStanding;
import io.tollgate.regulator.policy.Verdict;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link Application}'s side of the US-volume cap: whether a grant must wait instead, and what
 * an application that waits remembers (who granted it, under which version, until when).
 */
final class UsVolumeWaiting {

    /** What a waiting application keeps: enough to decide it again, or to deny it when it expires. */
    record Wait(String officer, String note, String policyVersion, String clause, TrackOutcome cnImport,
                Instant awaitingSince, Instant expiresAt) {

        static Wait of(UsVolumeAwaitedEvent e) {
            return new Wait(e.officer(), e.note(), e.policyVersion(), e.policyClause(), e.cnImport(),
                    e.awaitingSince(), e.expiresAt());
        }
    }

    private UsVolumeWaiting() {
    }

    /**
     * The wait to record instead of {@code grant}, or empty when the grant fits.
     *
     * @param officer the officer granting; null when the rules grant
     */
    static Optional<UsVolumeAwaitedEvent> instead(String orderId, Verdict grant, Policy policy,
                                                  ApplicationFacts facts, String period,
                                                  UsVolumeStanding standing, String officer, String note,
                                                  Instant at) {
        Optional<UsVolumeShortfall> shortfall = UsVolumeRule.shortfall(policy, facts, period, standing);
        if (shortfall.isEmpty()) {
            return Optional.empty();
        }
        UsVolumeShortfall s = shortfall.get();
        TrackOutcome us = TrackOutcome.pending(Track.US_EXPORT, ReasonCode.US_VOLUME_CAP_EXCEEDED.name(), s.text());
        return Optional.of(new UsVolumeAwaitedEvent(orderId, s.productClass(), s.period(), s.units(), s.usUnits(),
                s.authorizedUnits(), s.unitsWaitingAhead(), s.allowedUnits(), s.cap().ratio(), us,
                grant.cnImport(), policy.version(), s.cap().clause(), officer, note, at,
                at.plus(s.cap().waitMaxDuration())));
    }

    /** Why an application that waited too long is denied. */
    static String expiredText(Wait wait, String productClass, String period, long units) {
        return units + " units of " + productClass + " in " + period + " waited from " + wait.awaitingSince()
                + " until " + wait.expiresAt() + " for US shipment reports that would fit them within the"
                + " US-volume cap (policy " + wait.policyVersion() + " clause " + wait.clause() + ")";
    }
}
