package io.tollgate.order.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The order was cancelled. Carries every field of {@code OrderCancelledV1}.
 *
 * @param previousStatus        REQUESTED or AUTHORIZED
 * @param voidedAuthorizationId the grant this cancellation voids; null when still REQUESTED
 */
@Revision("1")
public record OrderCancelledEvent(
        String orderId,
        OrderStatus previousStatus,
        String voidedAuthorizationId,
        String reason,
        String cancelledBy,
        Instant occurredAt) {
}
