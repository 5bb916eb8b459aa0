package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One order in a list: its state and amounts, without history. */
public record OrderSummary(
        String orderId,
        OrderStatus status,
        String customerId,
        String product,
        long quantity,
        Money grossAmount,
        @Schema(nullable = true) Money revenueShareDue,
        @Schema(nullable = true) Money revenueSharePaid,
        String erpReference,
        Instant requestedAt,
        Instant updatedAt) {
}
