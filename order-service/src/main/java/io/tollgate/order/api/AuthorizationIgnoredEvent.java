package io.tollgate.order.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An authorization decision arrived after the order was cancelled. It is kept in the order's
 * history, so an auditor sees it arrived, but it changes nothing.
 *
 * @param decision GRANTED or DENIED
 * @param status   the order's status when the decision arrived (CANCELLED)
 */
@Revision("1")
public record AuthorizationIgnoredEvent(
        String orderId,
        String authorizationId,
        String decision,
        OrderStatus status,
        Instant decidedAt) {
}
