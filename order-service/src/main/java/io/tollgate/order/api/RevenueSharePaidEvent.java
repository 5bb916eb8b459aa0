package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Treasury remitted part of an order's revenue share. Carries every field of {@code RevenueSharePaidV1}.
 *
 * @param authorizationId the grant whose share this pays
 * @param payee           who received the payment (the grant's payee)
 */
@Revision("1")
public record RevenueSharePaidEvent(
        String orderId,
        String paymentId,
        String authorizationId,
        Money amount,
        String treasuryReference,
        String payee,
        String recordedBy,
        Instant occurredAt) {
}
