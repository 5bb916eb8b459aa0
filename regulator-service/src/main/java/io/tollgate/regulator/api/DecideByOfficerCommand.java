package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A compliance officer decides an application in PENDING_REVIEW, under the version of
 * {@code policies} in force when its order was requested.
 *
 * @param usVolume what the US-volume feed says of the application's product class and period; null
 *                 when not assessed (counted as nothing reported)
 */
public record DecideByOfficerCommand(@TargetAggregateIdentifier String orderId,
                                     OfficerDecision decision, String reason, String officer,
                                     PolicyHistory policies, CustomerStanding standing,
                                     String authorizationId, Instant decidedAt, UsVolumeStanding usVolume) {

    /** A decision without a US-volume assessment. */
    public DecideByOfficerCommand(String orderId, OfficerDecision decision, String reason, String officer,
                                  PolicyHistory policies, CustomerStanding standing, String authorizationId,
                                  Instant decidedAt) {
        this(orderId, decision, reason, officer, policies, standing, authorizationId, decidedAt, null);
    }
}
