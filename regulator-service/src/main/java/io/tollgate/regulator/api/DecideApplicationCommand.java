package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let the rules decide a RECEIVED application; returns the outcome, or null if not RECEIVED. */
public record DecideApplicationCommand(@TargetAggregateIdentifier String orderId, Policy policy,
                                       CustomerStanding standing, String authorizationId,
                                       Instant decidedAt) {
}
