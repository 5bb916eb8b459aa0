package io.tollgate.eventing.rest;

import java.util.List;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one page envelope of every list endpoint: at most {@link PageCursor#LIMIT_MAX} items and the
 * cursor of the next page ({@link PageCursor}), null on the last page.
 */
public record CursorPage<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    public CursorPage {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows read in position order: the extra row only
     * proves there is more, and the last kept row's position becomes the next cursor.
     */
    public static <T> CursorPage<T> of(List<T> rows, int limit, ToLongFunction<T> position) {
        if (rows.size() <= limit) {
            return new CursorPage<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new CursorPage<>(page, PageCursor.encode(position.applyAsLong(page.get(limit - 1))));
    }
}
