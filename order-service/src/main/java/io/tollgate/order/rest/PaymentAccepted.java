package io.tollgate.order.rest;

import io.tollgate.order.api.OrderStatus;

/** The answer to an accepted revenue-share payment; {@code paymentId} is stable per Idempotency-Key. */
public record PaymentAccepted(String orderId, String paymentId, OrderStatus status) {
}
