package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Count a grant's units against its product class and period; refused when they no longer fit
 * within {@code ratio} of the US units (a concurrent grant took the room: the decision is retried).
 */
public record ReserveUsVolumeCommand(@TargetAggregateIdentifier String volumeId, String orderId, long units,
                                     String ratio, Instant at) {
}
