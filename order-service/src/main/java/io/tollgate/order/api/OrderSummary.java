package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;

/** One order in a list: its state and amounts, without history. */
public record OrderSummary(
        String orderId,
        OrderStatus status,
        String customerId,
        String product,
        long quantity,
        Money grossAmount,
        Money revenueShareDue,
        Money revenueSharePaid,
        String erpReference,
        Instant requestedAt,
        Instant updatedAt) {
}
