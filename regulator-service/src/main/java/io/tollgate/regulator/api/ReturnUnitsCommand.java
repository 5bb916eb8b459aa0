package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A granted order was cancelled: its units no longer count. */
public record ReturnUnitsCommand(@TargetAggregateIdentifier String customerId, String orderId,
                                 String quarter, long units, Instant at) {
}
