package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The buyer supplies a usage scenario, and may declare its category of necessity (null keeps the
 * one declared before, or the version's default); the application is evaluated again at once,
 * under the version of {@code policies} in force when its order was requested.
 */
public record SupplyUsageScenarioCommand(@TargetAggregateIdentifier String orderId,
                                         String usageScenario, String necessityCategory,
                                         PolicyHistory policies, CustomerStanding standing,
                                         String authorizationId, Instant suppliedAt) {

    /** A scenario that declares no category of necessity. */
    public SupplyUsageScenarioCommand(String orderId, String usageScenario, PolicyHistory policies,
                                      CustomerStanding standing, String authorizationId, Instant suppliedAt) {
        this(orderId, usageScenario, null, policies, standing, authorizationId, suppliedAt);
    }
}
