package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An ERP system asked to buy accelerators for a customer; nothing is owed yet.
 * Published by order-service on {@link Topics#ORDERS}.
 *
 * @param requestedBy the principal that submitted the order (absent before authentication existed)
 */
public record OrderRequestedV1(
        @JsonProperty(required = true) String orderId,
        @JsonProperty(required = true) String customerId,
        @JsonProperty(required = true) String customerName,
        @JsonProperty(required = true) String productSku,
        @JsonProperty(required = true) String productFamily,
        @JsonProperty(required = true) long quantity,
        @JsonProperty(required = true) Money unitPrice,
        @JsonProperty(required = true) Money grossAmount,
        String usageScenario,
        String erpReference,
        @JsonProperty(required = true) Instant occurredAt,
        String requestedBy) implements WireEvent {

    public static final String TYPE = "tollgate.order.requested.v1";

    public OrderRequestedV1 {
        Require.text("orderId", orderId);
        Require.text("customerId", customerId);
        Require.text("customerName", customerName);
        Require.text("productSku", productSku);
        Require.text("productFamily", productFamily);
        Require.positive("quantity", quantity);
        Require.present("unitPrice", unitPrice);
        Require.present("grossAmount", grossAmount);
        Require.present("occurredAt", occurredAt);
        if (!unitPrice.currency().equals(grossAmount.currency())) {
            throw new ContractViolationException("grossAmount.currency", "must equal unitPrice.currency");
        }
        if (unitPrice.isNegative() || unitPrice.isZero()) {
            throw new ContractViolationException("unitPrice.amount", "must be positive");
        }
        // The gross is derived, never free: a producer that sends another figure is broken.
        if (unitPrice.times(quantity).compareTo(grossAmount) != 0) {
            throw new ContractViolationException("grossAmount", "must equal unitPrice × quantity");
        }
    }
}
