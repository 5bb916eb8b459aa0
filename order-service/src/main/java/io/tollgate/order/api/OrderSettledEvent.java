package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** All revenue share due was paid; the order is SETTLED. Internal: not published. */
@Revision("1")
public record OrderSettledEvent(
        String orderId,
        Money revenueSharePaid,
        Instant occurredAt) {
}
