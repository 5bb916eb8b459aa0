package io.tollgate.order.rest;

import io.tollgate.eventing.rest.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: base64url of "p:" + the list position the next page starts after. */
final class Cursors {

    private static final String PREFIX = "p:";
    private static final int CURSOR_CHARS_MAX = 64;

    private Cursors() {
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor stands for; 0 (the start) when there is none. */
    static long decode(String cursor) {
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
            throw ProblemException.badRequest("cursor", "cursor is not one this API returned");
        }
    }
}
