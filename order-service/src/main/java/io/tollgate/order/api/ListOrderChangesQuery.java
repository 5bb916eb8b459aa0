package io.tollgate.order.api;

import io.tollgate.eventing.rest.PageCursor;

/**
 * Asks for the changes after a feed position, oldest first; answered with {@link OrderChangePage}.
 *
 * @param after  the position the page starts after (0 for the beginning of the feed)
 * @param client only changes of orders this client owns, or null for every client's
 * @param limit  page size, 1..{@link #LIMIT_MAX}
 */
public record ListOrderChangesQuery(long after, String client, int limit) {

    public static final int LIMIT_MAX = PageCursor.LIMIT_MAX;

    public ListOrderChangesQuery {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + LIMIT_MAX + "], got " + limit);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must be >= 0, got " + after);
        }
    }
}
