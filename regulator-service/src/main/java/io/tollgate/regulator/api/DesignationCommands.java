package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the {@code Designation} aggregate (one per customer on the register). */
public final class DesignationCommands {

    private DesignationCommands() {
    }

    /** Put a customer on the register, or change its entry; re-designates a revoked customer. */
    public record DesignateCustomerCommand(@TargetAggregateIdentifier String customerId, String name,
                                           String country, Long unitCapPerQuarter, Instant at) {
    }

    /** Take a customer off the register: future orders are denied, decided ones stand. */
    public record RevokeDesignationCommand(@TargetAggregateIdentifier String customerId, Instant at) {
    }

    /** Returns the customer's {@code CustomerStanding} for a quarter; changes nothing. */
    public record AssessStandingCommand(@TargetAggregateIdentifier String customerId, String quarter) {
    }

    /** Count a grant's units against the customer's quarter; refused if revoked or above the cap. */
    public record ReserveUnitsCommand(@TargetAggregateIdentifier String customerId, String orderId,
                                      String quarter, long units, Instant at) {
    }

    /** A granted order was cancelled: its units no longer count. */
    public record ReturnUnitsCommand(@TargetAggregateIdentifier String customerId, String orderId,
                                     String quarter, long units, Instant at) {
    }
}
