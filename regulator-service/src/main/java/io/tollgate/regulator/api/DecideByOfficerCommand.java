package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A compliance officer decides an application in PENDING_REVIEW. */
public record DecideByOfficerCommand(@TargetAggregateIdentifier String orderId,
                                     OfficerDecision decision, String reason, String officer,
                                     Policy policy, CustomerStanding standing,
                                     String authorizationId, Instant decidedAt) {
}
