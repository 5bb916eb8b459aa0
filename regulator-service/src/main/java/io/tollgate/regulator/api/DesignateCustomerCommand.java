package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put a customer on the register, or change its entry; re-designates a revoked customer. Sent only
 * for an approved proposal: {@code approval} names its proposer and (another) approver.
 */
public record DesignateCustomerCommand(@TargetAggregateIdentifier String customerId, String name,
                                       String country, Long unitCapPerQuarter, Approval approval,
                                       Instant at) {
}
