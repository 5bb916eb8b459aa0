package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Treasury remitted {@code amount} of the order's revenue share. {@code paymentId} makes the command
 * idempotent: the same id with the same amount and reference is accepted again without effect.
 */
public record RecordRevenueSharePaymentCommand(
        @TargetAggregateIdentifier String orderId,
        String paymentId,
        Money amount,
        String treasuryReference,
        String recordedBy,
        Instant recordedAt) {

    public RecordRevenueSharePaymentCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(treasuryReference, "treasuryReference");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
