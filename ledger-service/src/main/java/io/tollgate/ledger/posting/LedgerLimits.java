package io.tollgate.ledger.posting;

import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.WireEvent;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the ledger can hold, checked for every event before anything of its batch is written. A
 * value beyond a limit would otherwise fail deep inside posting (a long overflow, a column too
 * short, a microsecond count beyond a long) and stop its partition; here it is refused with a
 * stable code and a reason that names the field and the limit.
 */
public final class LedgerLimits {

    /**
     * Largest amount in minor units (10^14: one trillion USD). Running balances are longs (about
     * 9.2 × 10^18), so more than 92,000 amounts at this maximum fit in one account of one chain.
     */
    public static final long AMOUNT_MINOR_MAX = 100_000_000_000_000L;
    /** Length of an order id (the ledger_order and ledger_entry columns). */
    public static final int ORDER_ID_LENGTH_MAX = 200;
    /** Length of an event id (ledger_processed_event.event_id, ledger_entry.source_event_id). */
    public static final int EVENT_ID_LENGTH_MAX = 64;
    /**
     * Length of a customer id, product family or payee: each becomes part of an account name
     * (ledger_posting.account holds 400 characters, the longest prefix is 24).
     */
    public static final int ACCOUNT_KEY_LENGTH_MAX = 200;
    /** Length of an authorization or payment id (kept in the order's state). */
    public static final int REFERENCE_LENGTH_MAX = 200;
    /** Earliest business or record time: the journal counts microseconds from the epoch. */
    public static final Instant TIME_MIN = Instant.parse("1970-01-01T00:00:00Z");
    /** Latest business or record time (exclusive): four-digit years, far inside a long of microseconds. */
    public static final Instant TIME_MAX = Instant.parse("+10000-01-01T00:00:00Z");

    /** Why an event is refused; the code is what the dead-letter record carries. Never reused. */
    public enum Violation {
        AMOUNT_OUT_OF_RANGE,
        TIME_OUT_OF_RANGE,
        VALUE_TOO_LONG,
        PARKED_PAYMENTS_FULL;

        public String code() {
            return "LEDGER_" + name();
        }
    }

    private LedgerLimits() {
    }

    /** Throws {@link UnpostableEventException} naming the first field beyond its limit. */
    public static void check(LedgerEvent event) {
        String id = event.eventId();
        WireEvent e = event.event();
        length(id, "ce_id", id, EVENT_ID_LENGTH_MAX);
        length(id, "orderId", e.orderId(), ORDER_ID_LENGTH_MAX);
        time(id, "recordTime", event.source().recordTime());
        time(id, "occurredAt", e.occurredAt());
        if (e instanceof OrderRequested r) {
            length(id, "customerId", r.customerId(), ACCOUNT_KEY_LENGTH_MAX);
            length(id, "productFamily", r.productFamily(), ACCOUNT_KEY_LENGTH_MAX);
            amount(id, "grossAmount", r.grossAmount(), false);
        } else if (e instanceof AuthorizationGrantedV1 g) {
            length(id, "authorizationId", g.authorizationId(), REFERENCE_LENGTH_MAX);
            length(id, "conditions.payee", g.conditions().payee(), ACCOUNT_KEY_LENGTH_MAX);
        } else if (e instanceof AuthorizationDeniedV1 d) {
            length(id, "authorizationId", d.authorizationId(), REFERENCE_LENGTH_MAX);
        } else if (e instanceof OrderCancelledV1 c) {
            length(id, "voidedAuthorizationId", c.voidedAuthorizationId(), REFERENCE_LENGTH_MAX);
        } else if (e instanceof RevenueSharePaidV1 p) {
            length(id, "paymentId", p.paymentId(), REFERENCE_LENGTH_MAX);
            length(id, "authorizationId", p.authorizationId(), REFERENCE_LENGTH_MAX);
            length(id, "payee", p.payee(), ACCOUNT_KEY_LENGTH_MAX);
            amount(id, "amount", p.amount(), true);
        }
    }

    /** The refusal when an order already has {@link OrderState#PARKED_PAYMENTS_MAX} waiting payments. */
    static UnpostableEventException parkedPaymentsFull(LedgerEvent event, int waiting) {
        return new UnpostableEventException(Violation.PARKED_PAYMENTS_FULL, event.eventId(), "order "
                + event.orderId() + " already has " + waiting + " payments waiting for their decision, the limit"
                + " is " + OrderState.PARKED_PAYMENTS_MAX);
    }

    private static void length(String eventId, String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new UnpostableEventException(Violation.VALUE_TOO_LONG, eventId, field + " has " + value.length()
                    + " characters, the limit is " + max);
        }
    }

    private static void time(String eventId, String field, Instant t) {
        if (t != null && (t.isBefore(TIME_MIN) || !t.isBefore(TIME_MAX))) {
            throw new UnpostableEventException(Violation.TIME_OUT_OF_RANGE, eventId, field + " " + t
                    + " is outside [" + TIME_MIN + ", " + TIME_MAX + ")");
        }
    }

    private static void amount(String eventId, String field, Money m, boolean positive) {
        BigDecimal minor = m.value().movePointRight(m.minorDigits());
        boolean tooSmall = positive ? minor.signum() <= 0 : minor.signum() < 0;
        if (tooSmall || minor.compareTo(BigDecimal.valueOf(AMOUNT_MINOR_MAX)) > 0) {
            throw new UnpostableEventException(Violation.AMOUNT_OUT_OF_RANGE, eventId, field + " " + m.amount()
                    + " " + m.currency() + " is outside " + (positive ? "(0, " : "[0, ")
                    + Money.ofMinor(AMOUNT_MINOR_MAX, m.currency()).amount() + "] " + m.currency()
                    + " (at most " + AMOUNT_MINOR_MAX + " minor units)");
        }
    }
}
