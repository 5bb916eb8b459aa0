package io.tollgate.order.api;

/**
 * Asks for one order with its amounts and history; answered with {@code Optional<OrderView>}.
 *
 * @param client only if this client owns it (empty otherwise, as if it did not exist), or null for
 *               any order (callers who read every order)
 */
public record FindOrderQuery(String orderId, String client) {
}
