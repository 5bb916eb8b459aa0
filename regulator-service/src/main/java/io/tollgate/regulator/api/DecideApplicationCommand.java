package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Let the rules decide a RECEIVED application under the version of {@code policies} in force when
 * its order was requested; returns the outcome, or null if not RECEIVED.
 */
public record DecideApplicationCommand(@TargetAggregateIdentifier String orderId, PolicyHistory policies,
                                       CustomerStanding standing, String authorizationId,
                                       Instant decidedAt) {
}
