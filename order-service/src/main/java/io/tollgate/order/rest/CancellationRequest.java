package io.tollgate.order.rest;

import io.tollgate.eventing.rest.ProblemException;

/**
 * Optional body of a cancellation: why the ERP cancels (kept in the order's history and on the
 * wire's OrderCancelled event).
 */
public record CancellationRequest(String reason) {

    /** Longest reason taken; longer is refused with 422 LIMIT_EXCEEDED naming {@code reason}. */
    public static final int REASON_CHARS_MAX = 2_000;

    /** The reason, trimmed, or null when none was given. */
    static String reasonOf(CancellationRequest body) {
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            return null;
        }
        if (body.reason().length() > REASON_CHARS_MAX) {
            throw ProblemException.limitExceeded(422, "reason",
                    "reason must be at most " + REASON_CHARS_MAX + " characters");
        }
        return body.reason().trim();
    }
}
