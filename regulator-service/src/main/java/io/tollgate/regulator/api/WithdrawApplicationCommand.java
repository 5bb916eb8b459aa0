package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order was cancelled: withdraw an open application, or give back a grant's units. */
public record WithdrawApplicationCommand(@TargetAggregateIdentifier String orderId,
                                         String reason, Instant cancelledAt) {
}
