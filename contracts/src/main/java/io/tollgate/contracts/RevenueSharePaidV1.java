package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Treasury remitted part or all of an order's revenue share to the payee. Published by order-service.
 *
 * @param authorizationId the grant whose share this pays
 */
public record RevenueSharePaidV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String paymentId,
        @JsonProperty(required = true) String authorizationId,
        @JsonProperty(required = true) Money amount,
        @JsonProperty(required = true) String treasuryReference,
        @JsonProperty(required = true) String payee,
        @JsonProperty(required = true) Instant occurredAt,
        String recordedBy) implements WireEvent {

    public static final String TYPE = "tollgate.revenue-share.paid.v1";

    public RevenueSharePaidV1 {
        Require.text("orderId", orderId);
        Require.text("paymentId", paymentId);
        Require.text("authorizationId", authorizationId);
        Require.present("amount", amount);
        Require.text("treasuryReference", treasuryReference);
        Require.text("payee", payee);
        Require.present("occurredAt", occurredAt);
        if (amount.isNegative() || amount.isZero()) {
            throw new ContractViolationException("amount", "must be positive");
        }
    }
}
