package io.tollgate.eventing.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one page cursor of every list endpoint, and its bounds. A cursor is opaque to clients: the
 * base64url (no padding) of {@code "p:"} followed by the decimal position (a row number, list
 * position or sequence, never negative) the next page starts after. Clients only pass back the
 * {@code nextCursor} they were given; anything else is a 400 naming {@code cursor}.
 */
public final class PageCursor {

    /** Page size when a request names none: the same for every list of every service. */
    public static final int LIMIT_DEFAULT = 100;
    /**
     * {@link #LIMIT_DEFAULT} for {@code @DefaultValue}; a list endpoint declares its page size as
     * {@code @QueryParam(LIMIT) @DefaultValue(LIMIT_DEFAULT_TEXT) @Min(1) @Max(LIMIT_MAX) int limit},
     * so Bean Validation answers a size out of range (400 naming {@code limit}).
     */
    public static final String LIMIT_DEFAULT_TEXT = "" + LIMIT_DEFAULT;
    /** Largest page any list answers; bounds each query and response. */
    public static final int LIMIT_MAX = 500;
    /** Query parameter names, the same on every list endpoint. */
    public static final String LIMIT = "limit";
    public static final String CURSOR = "cursor";

    private static final String PREFIX = "p:";
    /** "p:" plus 19 digits of a long is 21 bytes, 28 characters in base64url. */
    private static final int CURSOR_CHARS_MAX = 32;

    private PageCursor() {
    }

    /** The cursor of the page after {@code position}. */
    public static String encode(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("a page position is never negative: " + position);
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position {@code cursor} stands for; 0 (the start) when there is none. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            if (cursor.length() > CURSOR_CHARS_MAX) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a cursor");
            }
            long position = Long.parseLong(text.substring(PREFIX.length()));
            if (position < 0) {
                throw new IllegalArgumentException("negative");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(CURSOR, "cursor must be a nextCursor this API returned");
        }
    }
}
