package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The buyer supplies a usage scenario; the application is evaluated again at once. */
public record SupplyUsageScenarioCommand(@TargetAggregateIdentifier String orderId,
                                         String usageScenario, Policy policy,
                                         CustomerStanding standing, String authorizationId,
                                         Instant suppliedAt) {
}
