package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The buyer supplies a usage scenario; the application is evaluated again at once, under the
 * version of {@code policies} in force when its order was requested.
 */
public record SupplyUsageScenarioCommand(@TargetAggregateIdentifier String orderId,
                                         String usageScenario, PolicyHistory policies,
                                         CustomerStanding standing, String authorizationId,
                                         Instant suppliedAt) {
}
