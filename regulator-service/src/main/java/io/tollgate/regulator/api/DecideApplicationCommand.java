package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Let the rules decide a RECEIVED application under the version of {@code policies} in force when
 * its order was requested; returns the outcome, or null if not RECEIVED.
 *
 * @param usVolume what the US-volume feed says of the application's product class and period; null
 *                 when not assessed (counted as nothing reported)
 */
public record DecideApplicationCommand(@TargetAggregateIdentifier String orderId, PolicyHistory policies,
                                       CustomerStanding standing, String authorizationId,
                                       Instant decidedAt, UsVolumeStanding usVolume) {

    /** A decision without a US-volume assessment. */
    public DecideApplicationCommand(String orderId, PolicyHistory policies, CustomerStanding standing,
                                    String authorizationId, Instant decidedAt) {
        this(orderId, policies, standing, authorizationId, decidedAt, null);
    }
}
