package io.tollgate.audit.rules;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The limits of docs/ledger-rules.md §1, as the table there states them: the first value beyond
 * one refuses the event with its code and a reason naming the field.
 */
final class Limits {

    static final long AMOUNT_MINOR_MAX = 100_000_000_000_000L;
    static final int EVENT_ID_CHARS_MAX = 64;
    static final int ORDER_ID_CHARS_MAX = 200;
    static final int ACCOUNT_PART_CHARS_MAX = 200;
    static final int REFERENCE_CHARS_MAX = 200;
    static final Instant TIME_FIRST = Instant.EPOCH;
    static final Instant TIME_END = Instant.parse("+10000-01-01T00:00:00Z");
    /** Payments of one order that may wait at once; the next one is refused. */
    static final int WAITING_PAYMENTS_MAX = 1_000;

    static final String TOO_LONG = "LEDGER_VALUE_TOO_LONG";
    static final String BAD_TIME = "LEDGER_TIME_OUT_OF_RANGE";
    static final String BAD_AMOUNT = "LEDGER_AMOUNT_OUT_OF_RANGE";
    static final String TOO_MANY_WAITING = "LEDGER_PARKED_PAYMENTS_FULL";

    /** Why a value is refused. */
    record Breach(String code, String reason) {
    }

    private Limits() {
    }

    static Optional<Breach> check(Source source, WireEvent event) {
        Optional<Breach> breach = firstOf(
                chars("ce_id", source.eventId(), EVENT_ID_CHARS_MAX),
                chars("orderId", event.orderId(), ORDER_ID_CHARS_MAX),
                time("recordTime", source.recordTime()),
                time("occurredAt", event.occurredAt()));
        return breach.isPresent() ? breach : ofKind(event);
    }

    private static Optional<Breach> ofKind(WireEvent event) {
        if (event instanceof OrderRequested r) {
            return firstOf(chars("customerId", r.customerId(), ACCOUNT_PART_CHARS_MAX),
                    chars("productFamily", r.productFamily(), ACCOUNT_PART_CHARS_MAX),
                    amount("grossAmount", r.grossAmount(), false));
        }
        if (event instanceof AuthorizationGrantedV1 g) {
            return firstOf(chars("authorizationId", g.authorizationId(), REFERENCE_CHARS_MAX),
                    chars("conditions.payee", g.conditions().payee(), ACCOUNT_PART_CHARS_MAX));
        }
        if (event instanceof AuthorizationDeniedV1 d) {
            return chars("authorizationId", d.authorizationId(), REFERENCE_CHARS_MAX);
        }
        if (event instanceof OrderCancelledV1 c) {
            return chars("voidedAuthorizationId", c.voidedAuthorizationId(), REFERENCE_CHARS_MAX);
        }
        RevenueSharePaidV1 p = (RevenueSharePaidV1) event;
        return firstOf(chars("paymentId", p.paymentId(), REFERENCE_CHARS_MAX),
                chars("authorizationId", p.authorizationId(), REFERENCE_CHARS_MAX),
                chars("payee", p.payee(), ACCOUNT_PART_CHARS_MAX),
                amount("amount", p.amount(), true));
    }

    static Breach tooManyWaiting(String orderId, int waiting) {
        return new Breach(TOO_MANY_WAITING, "order " + orderId + " already has " + waiting
                + " payments waiting for their decision, the limit is " + WAITING_PAYMENTS_MAX);
    }

    @SafeVarargs
    private static Optional<Breach> firstOf(Optional<Breach>... checks) {
        for (Optional<Breach> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }

    private static Optional<Breach> chars(String field, String value, int max) {
        if (value == null || value.length() <= max) {
            return Optional.empty();
        }
        return Optional.of(new Breach(TOO_LONG, field + " has " + value.length()
                + " characters, at most " + max + " are allowed"));
    }

    private static Optional<Breach> time(String field, Instant t) {
        if (t == null || !t.isBefore(TIME_FIRST) && t.isBefore(TIME_END)) {
            return Optional.empty();
        }
        return Optional.of(new Breach(BAD_TIME, field + " " + t + " is not in [" + TIME_FIRST
                + ", " + TIME_END + ")"));
    }

    /** {@code positive}: above zero (a payment); else zero allowed (a gross). */
    private static Optional<Breach> amount(String field, Money money, boolean positive) {
        BigDecimal minor = money.value().movePointRight(money.minorDigits());
        int sign = minor.signum();
        boolean low = positive ? sign <= 0 : sign < 0;
        if (!low && minor.compareTo(BigDecimal.valueOf(AMOUNT_MINOR_MAX)) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Breach(BAD_AMOUNT, field + " " + money.amount() + " "
                + money.currency() + " is " + minor.toPlainString() + " minor units, allowed "
                + (positive ? "1" : "0") + " to " + AMOUNT_MINOR_MAX));
    }
}
