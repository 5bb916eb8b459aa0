package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.eventing.rest.ProblemException;

/** The body of {@code POST /api/v1/orders/{orderId}/revenue-share-payments}. */
public record PaymentRequestBody(Money amount, String treasuryReference) {

    static final int REFERENCE_CHARS_MAX = 200;

    PaymentRequestBody validated() {
        RequestFields.present("amount", amount);
        if (amount.isNegative() || amount.isZero()) {
            throw ProblemException.badRequest("amount.amount", "amount.amount must be positive, got "
                    + amount.amount());
        }
        RequestFields.text("treasuryReference", treasuryReference, REFERENCE_CHARS_MAX);
        return this;
    }
}
