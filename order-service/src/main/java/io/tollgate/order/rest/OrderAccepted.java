package io.tollgate.order.rest;

import io.tollgate.order.api.OrderStatus;

/** The answer to an accepted order request or cancellation. */
public record OrderAccepted(String orderId, OrderStatus status) {
}
