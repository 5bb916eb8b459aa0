package io.tollgate.order.api;

/**
 * Why the {@code Order} aggregate refused a command. The names are part of the API (they appear in
 * problem+json bodies and dead-letter reasons): a value is never renamed or reused for another rule.
 */
public enum OrderErrorCode {
    /** Quantity outside 1..1,000,000. */
    QUANTITY_OUT_OF_RANGE(Kind.UNPROCESSABLE),
    /** The unit price is zero or negative. */
    UNIT_PRICE_NOT_POSITIVE(Kind.UNPROCESSABLE),
    /** unit price × quantity does not fit the wire's money format. */
    GROSS_AMOUNT_TOO_LARGE(Kind.UNPROCESSABLE),
    /** A second, different authorization decision for an order that is already decided. */
    AUTHORIZATION_CONFLICT(Kind.CONFLICT),
    /** The grant's revenue-share rate is not a decimal in [0, 1]. */
    REVENUE_SHARE_RATE_INVALID(Kind.UNPROCESSABLE),
    /** Cancel of a DENIED or SETTLED order. */
    ORDER_NOT_CANCELLABLE(Kind.CONFLICT),
    /**
     * Cancel of an order that is already cancelled. No longer answered: a retried cancel succeeds with
     * the first cancellation's result (kept so the value is never reused).
     */
    ORDER_ALREADY_CANCELLED(Kind.CONFLICT),
    /** Cancel of an authorized order of which some revenue share was already paid. */
    ORDER_HAS_PAYMENTS(Kind.CONFLICT),
    /** A payment for an order that is not AUTHORIZED (REQUESTED, DENIED or CANCELLED). */
    ORDER_NOT_AUTHORIZED(Kind.CONFLICT),
    /** A new payment for an order whose revenue share is already paid in full. */
    ORDER_ALREADY_SETTLED(Kind.CONFLICT),
    /** A payment of zero or less. */
    PAYMENT_NOT_POSITIVE(Kind.UNPROCESSABLE),
    /** A payment in another currency than the revenue share due. */
    CURRENCY_MISMATCH(Kind.UNPROCESSABLE),
    /** The payments would add up to more than the revenue share due. */
    PAYMENT_EXCEEDS_DUE(Kind.UNPROCESSABLE),
    /** A payment id seen before, now with another amount or treasury reference. */
    PAYMENT_ID_REUSED(Kind.CONFLICT),
    /**
     * A cancel by a client that did not create the order: answered exactly like an order that does
     * not exist (404), so one client cannot learn that another's order exists.
     */
    ORDER_NOT_FOUND(Kind.NOT_FOUND),
    /**
     * A usage scenario for an order whose application waits for none: not yet asked, already
     * supplied and with the regulator, in an officer's review, or decided.
     */
    ORDER_NOT_AWAITING_SCENARIO(Kind.CONFLICT),
    /** A usage scenario or document under an Idempotency-Key used for another one of this order. */
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    /**
     * A document for an order that is no longer REQUESTED (authorized, denied, settled or
     * cancelled): its application is decided or withdrawn, and documents count only before.
     */
    ORDER_NOT_OPEN_FOR_DOCUMENTS(Kind.CONFLICT),
    /** The order already carries as many documents as the regulator records for one application. */
    DOCUMENTS_LIMIT_REACHED(Kind.CONFLICT);

    /** The class of a rejection: the order's state forbids it, or the values do. */
    public enum Kind {
        /** The command conflicts with the order's current state or history (HTTP 409). */
        CONFLICT,
        /** The command is well-formed but its values break a business rule (HTTP 422). */
        UNPROCESSABLE,
        /** The order is not the caller's to act on (HTTP 404, the same answer as no such order). */
        NOT_FOUND
    }

    private final Kind kind;

    OrderErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
