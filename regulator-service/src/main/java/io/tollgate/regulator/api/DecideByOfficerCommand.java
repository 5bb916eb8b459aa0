package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A compliance officer decides an application in PENDING_REVIEW, under the version of
 * {@code policies} in force when its order was requested.
 */
public record DecideByOfficerCommand(@TargetAggregateIdentifier String orderId,
                                     OfficerDecision decision, String reason, String officer,
                                     PolicyHistory policies, CustomerStanding standing,
                                     String authorizationId, Instant decidedAt) {
}
