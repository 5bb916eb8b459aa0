package io.tollgate.ledger.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.journal.JournalQueries.ChainPosition;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The audit export's page cursor: the last entry's chain position, as opaque URL-safe text
 * ({@code base64url("<seq>:<chain id>")}) so clients pass it back rather than build it. It stays
 * apart from {@link io.tollgate.eventing.rest.PageCursor} on purpose: the export walks the journal
 * in chain order (chain id, then seq), a composite key no single number stands for, while every
 * other list pages by one increasing position. Both refuse a forged cursor with a 400 naming
 * {@code cursor}, and both pages are sized by the same {@code limit} bounds.
 */
final class ExportCursor {

    /** Longer cursors are refused: chain ids are at most 300 characters (see the journal schema). */
    private static final int CURSOR_CHARS_MAX = 512;

    private ExportCursor() {
    }

    static String encode(ChainPosition position) {
        String plain = position.seq() + ":" + position.chainId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static ChainPosition decode(String cursor) {
        try {
            if (cursor.length() > CURSOR_CHARS_MAX) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            long seq = Long.parseLong(plain.substring(0, colon));
            String chainId = plain.substring(colon + 1);
            if (seq < 1 || chainId.isEmpty()) {
                throw new IllegalArgumentException("out of range");
            }
            return new ChainPosition(chainId, seq);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ProblemException.badRequest("cursor", "cursor must be a nextCursor value from a previous page");
        }
    }
}
