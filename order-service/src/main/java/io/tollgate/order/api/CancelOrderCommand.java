package io.tollgate.order.api;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancel an order that is still REQUESTED, or AUTHORIZED with nothing paid yet.
 *
 * @param reason      free text from the ERP system, or null
 * @param cancelledBy the authenticated caller, whose client must be the one that created the order
 *                    (the wire event takes it from the "principal" metadata)
 */
public record CancelOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String reason,
        String cancelledBy,
        Instant requestedAt) {

    public CancelOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
