package io.tollgate.order.api;

/**
 * Where an order stands. {@code REQUESTED → AUTHORIZED → SETTLED}, {@code REQUESTED → DENIED},
 * {@code REQUESTED|AUTHORIZED → CANCELLED} (not once any revenue share was paid).
 */
public enum OrderStatus {
    REQUESTED,
    AUTHORIZED,
    DENIED,
    SETTLED,
    CANCELLED
}
