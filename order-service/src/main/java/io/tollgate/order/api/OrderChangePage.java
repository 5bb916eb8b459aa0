package io.tollgate.order.api;

import java.util.List;

/**
 * Changes after a position, oldest first.
 *
 * @param items the changes (empty when nothing came after the position yet)
 * @param last  the position to resume after: the last item's, or the position asked after when
 *              there is none
 */
public record OrderChangePage(List<OrderChange> items, long last) {

    public OrderChangePage {
        items = List.copyOf(items);
    }
}
