package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take a customer off the register: future orders are denied, decided ones stand. */
public record RevokeDesignationCommand(@TargetAggregateIdentifier String customerId, Instant at) {
}
