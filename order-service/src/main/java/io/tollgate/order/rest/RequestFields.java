package io.tollgate.order.rest;

import io.tollgate.contracts.Countries;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.ProblemException;
import java.math.BigDecimal;

/**
 * Field checks of request bodies that need more than an annotation (amounts against their currency,
 * presence answered as 400); parameters carry Bean Validation annotations instead.
 */
final class RequestFields {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /**
     * Printable ASCII without spaces, 1..200 characters (a UUID fits, so does a PO number), checked
     * by {@code @Pattern} on the header; empty is let through so {@link #idempotencyKey} answers it
     * as missing.
     */
    static final String KEY_PATTERN = "|[\\x21-\\x7E]{1," + WireLimits.ID_CHARS_MAX + "}";
    static final String KEY_RULE = "must be 1 to " + WireLimits.ID_CHARS_MAX
            + " printable ASCII characters without spaces";

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
            throw ProblemException.limitExceeded(422, field, field + " must be at most " + charsMax
                    + " characters, got " + value.length());
        }
        return value;
    }

    /** A money field of a body: positive and within the contract's amount limit. */
    static Money positiveAmount(String field, Money money) {
        present(field, money);
        if (money.isNegative() || money.isZero()) {
            throw ProblemException.badRequest(field + ".amount", field + ".amount must be positive, got "
                    + money.amount());
        }
        withinAmountLimit(field + ".amount", field + ".amount", money.value(), money.currency());
        return money;
    }

    /** Refuses an amount above {@link WireLimits#AMOUNT_MINOR_UNITS_MAX} minor units with a 422. */
    static void withinAmountLimit(String field, String what, BigDecimal value, String currency) {
        if (!WireLimits.amountWithin(value, currency)) {
            throw ProblemException.limitExceeded(422, field, what + " must be at most "
                    + WireLimits.amountMax(currency) + ", got " + value.toPlainString() + " " + currency);
        }
    }

    /** An optional country: absent, or an ISO 3166-1 alpha-2 code in upper case (400 otherwise). */
    static String optionalCountry(String field, String value) {
        if (value != null && !Countries.isCode(value)) {
            throw ProblemException.badRequest(field, field + " must be an ISO 3166-1 alpha-2 country code in"
                    + " upper case (e.g. CN, MO, MY), got " + (value.length() > 10 ? value.substring(0, 10) + "…"
                    : value));
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw ProblemException.badRequest(field, field + " is required");
        }
        return value;
    }

    /** The key a client sent; its format is the header's {@code @Pattern}, its presence checked here. */
    static String idempotencyKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_REQUIRED", IDEMPOTENCY_KEY,
                    "the " + IDEMPOTENCY_KEY + " header is required, e.g. a UUID chosen by the client");
        }
        return key;
    }
}
