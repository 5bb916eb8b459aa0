package io.tollgate.regulator.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Returns the customer's {@code CustomerStanding} for a quarter; changes nothing. */
public record AssessStandingCommand(@TargetAggregateIdentifier String customerId, String quarter) {
}
