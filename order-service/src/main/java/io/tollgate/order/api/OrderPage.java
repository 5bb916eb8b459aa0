package io.tollgate.order.api;

import java.util.List;

/**
 * A page of orders.
 *
 * @param nextAfter list position to continue after, or null when this was the last page
 */
public record OrderPage(List<OrderSummary> items, Long nextAfter) {
}
