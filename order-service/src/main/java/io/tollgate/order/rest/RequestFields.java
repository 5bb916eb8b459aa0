package io.tollgate.order.rest;

import io.tollgate.eventing.rest.ProblemException;
import java.util.regex.Pattern;

/** Field checks of request bodies and headers; each failure is a 400 naming the field and the rule. */
final class RequestFields {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Printable ASCII without spaces, 1..200 characters (a UUID fits, so does a PO number). */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private RequestFields() {
    }

    static String text(String field, String value, int charsMax) {
        if (value == null) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        if (value.isBlank()) {
            throw ProblemException.badRequest(field, field + " must not be blank");
        }
        return optionalText(field, value, charsMax);
    }

    static String optionalText(String field, String value, int charsMax) {
        if (value != null && value.length() > charsMax) {
            throw ProblemException.badRequest(field, field + " must be at most " + charsMax + " characters");
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        return value;
    }

    static String idempotencyKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_REQUIRED", IDEMPOTENCY_KEY,
                    "the " + IDEMPOTENCY_KEY + " header is required, e.g. a UUID chosen by the client");
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY
                    + " must be 1 to 200 printable ASCII characters without spaces");
        }
        return key;
    }
}
