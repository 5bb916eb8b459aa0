package io.tollgate.regulator.query;

import java.util.List;

/**
 * One bounded page of a list. {@code nextCursor} is opaque to clients; null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    public static final int LIMIT_DEFAULT = 100;
    public static final int LIMIT_MAX = 500;

    public Page {
        items = List.copyOf(items);
    }

    /** Builds a page from up to {@code limit + 1} rows: the extra row only proves there is more. */
    public static <T> Page<T> of(List<T> rows, int limit, java.util.function.ToLongFunction<T> rowNo) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> page = rows.subList(0, limit);
        return new Page<>(page, Long.toString(rowNo.applyAsLong(page.get(limit - 1))));
    }
}
