package io.tollgate.order.rest;

import io.tollgate.order.api.OrderSummary;
import java.util.List;

/** A page of orders; pass {@code nextCursor} as {@code cursor} for the next one (null: no more). */
public record OrderListPage(List<OrderSummary> items, String nextCursor) {
}
