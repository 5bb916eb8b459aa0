package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireLimits;

/** The body of {@code POST /api/v1/orders/{orderId}/revenue-share-payments}. */
public record PaymentRequestBody(Money amount, String treasuryReference) {

    /** Returns this body with every rule checked (amount within {@link WireLimits}). */
    PaymentRequestBody validated() {
        RequestFields.positiveAmount("amount", amount);
        RequestFields.text("treasuryReference", treasuryReference, WireLimits.ID_CHARS_MAX);
        return this;
    }
}
