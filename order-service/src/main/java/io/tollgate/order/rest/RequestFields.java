package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.ProblemException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Field checks of request bodies and headers; each failure is a 400 naming the field and the rule. */
final class RequestFields {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Printable ASCII without spaces, 1..200 characters (a UUID fits, so does a PO number). */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1," + WireLimits.ID_CHARS_MAX + "}");

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

    /** An order id in a path: ids above the stated length are refused before any lookup. */
    static String orderId(String orderId) {
        if (orderId.length() > WireLimits.ORDER_ID_CHARS_MAX) {
            throw ProblemException.limitExceeded(400, "orderId", "orderId must be at most "
                    + WireLimits.ORDER_ID_CHARS_MAX + " characters, got " + orderId.length());
        }
        return orderId;
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
