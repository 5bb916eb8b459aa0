package io.tollgate.order.api;

/** Asks for one order with its amounts and history; answered with {@code Optional<OrderView>}. */
public record FindOrderQuery(String orderId) {
}
