package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to the {@code Application} aggregate (one per order). The caller supplies the policy
 * version and customer standing it read, and the authorization id to use if the command decides,
 * so the aggregate's decision is a pure function of its history and the command.
 */
public final class ApplicationCommands {

    private ApplicationCommands() {
    }

    /** Open the application for an order; a redelivered request (same event id) changes nothing. */
    public record ReceiveApplicationCommand(@TargetAggregateIdentifier String orderId,
                                            String requestEventId, String customerId,
                                            String customerName, String productSku,
                                            String productFamily, long quantity,
                                            String usageScenario, Instant requestedAt,
                                            Instant receivedAt) {
    }

    /** Let the rules decide a RECEIVED application; returns the outcome, or null if not RECEIVED. */
    public record DecideApplicationCommand(@TargetAggregateIdentifier String orderId, Policy policy,
                                           CustomerStanding standing, String authorizationId,
                                           Instant decidedAt) {
    }

    /** The buyer supplies a usage scenario; the application is evaluated again at once. */
    public record SupplyUsageScenarioCommand(@TargetAggregateIdentifier String orderId,
                                             String usageScenario, Policy policy,
                                             CustomerStanding standing, String authorizationId,
                                             Instant suppliedAt) {
    }

    /** A compliance officer decides an application in PENDING_REVIEW. */
    public record DecideByOfficerCommand(@TargetAggregateIdentifier String orderId,
                                         OfficerDecision decision, String reason, String officer,
                                         Policy policy, CustomerStanding standing,
                                         String authorizationId, Instant decidedAt) {
    }

    /** The order was cancelled: withdraw an open application, or give back a grant's units. */
    public record WithdrawApplicationCommand(@TargetAggregateIdentifier String orderId,
                                             String reason, Instant cancelledAt) {
    }

    /** What a {@link WithdrawApplicationCommand} did. */
    public enum Withdrawal {
        /** An open application was withdrawn. */
        WITHDRAWN,
        /** A granted application's units are to be given back to the customer's quarter. */
        UNITS_RETURNED,
        /** Already denied, withdrawn, or units already given back: nothing to do. */
        NOTHING
    }

    /** A compliance officer's answer to a reviewed application. */
    public enum OfficerDecision { GRANT, DENY }
}
