package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The buyer supplies a usage scenario, and may declare its category of necessity (null keeps the
 * one declared before, or the version's default); the application is evaluated again at once,
 * under the version of {@code policies} in force when its order was requested.
 *
 * @param askAgain what an unacceptable scenario does: false (an officer entering it over the API)
 *                 refuses the command and stores nothing; true (the buyer's ERP, through
 *                 order-service's event) records that the application still waits, with the reason,
 *                 which is published so the ERP sees why and can supply a better one
 * @param usVolume what the US-volume feed says of the application's product class and period; null
 *                 when not assessed (counted as nothing reported)
 */
public record SupplyUsageScenarioCommand(@TargetAggregateIdentifier String orderId,
                                         String usageScenario, String necessityCategory,
                                         PolicyHistory policies, CustomerStanding standing,
                                         String authorizationId, Instant suppliedAt, boolean askAgain,
                                         UsVolumeStanding usVolume) {

    /** A scenario judged without a US-volume assessment. */
    public SupplyUsageScenarioCommand(String orderId, String usageScenario, String necessityCategory,
                                      PolicyHistory policies, CustomerStanding standing,
                                      String authorizationId, Instant suppliedAt, boolean askAgain) {
        this(orderId, usageScenario, necessityCategory, policies, standing, authorizationId, suppliedAt, askAgain,
                null);
    }

    /** A scenario an officer enters: an unacceptable one is refused. */
    public SupplyUsageScenarioCommand(String orderId, String usageScenario, String necessityCategory,
                                      PolicyHistory policies, CustomerStanding standing,
                                      String authorizationId, Instant suppliedAt) {
        this(orderId, usageScenario, necessityCategory, policies, standing, authorizationId, suppliedAt, false);
    }

    /** A scenario that declares no category of necessity. */
    public SupplyUsageScenarioCommand(String orderId, String usageScenario, PolicyHistory policies,
                                      CustomerStanding standing, String authorizationId, Instant suppliedAt) {
        this(orderId, usageScenario, null, policies, standing, authorizationId, suppliedAt);
    }
}
