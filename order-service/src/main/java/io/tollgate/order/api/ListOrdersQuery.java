package io.tollgate.order.api;

import io.tollgate.eventing.rest.PageCursor;

/**
 * Asks for one page of orders, oldest first; answered with {@link OrderPage}.
 *
 * @param status     only orders in this status, or null for all
 * @param customerId only this customer's orders, or null for all
 * @param client     only orders this client owns, or null for every client's
 * @param limit      page size, 1..{@link #LIMIT_MAX}
 * @param after      list position after which the page starts (0 for the first page)
 */
public record ListOrdersQuery(OrderStatus status, String customerId, String client, int limit, long after) {

    public static final int LIMIT_MAX = PageCursor.LIMIT_MAX;

    public ListOrdersQuery {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must be >= 0, got " + after);
        }
    }
}
