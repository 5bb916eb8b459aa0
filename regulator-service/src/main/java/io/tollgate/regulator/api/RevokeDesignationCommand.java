package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take a customer off the register: future orders are denied, decided ones stand. Sent only for an
 * approved proposal.
 */
public record RevokeDesignationCommand(@TargetAggregateIdentifier String customerId, Approval approval,
                                       Instant at) {
}
