package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An ERP system asked to buy accelerators for a customer; nothing is owed yet.
 * Published by order-service on {@link Topics#ORDERS} until {@link OrderRequestedV2} replaced it;
 * records of this version stay in the topics and stores and are read through {@link #asV2()}.
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
        String requestedBy) implements OrderRequested {

    public static final String TYPE = "tollgate.order.requested.v1";

    /** Where every V1 order went: stores that kept V1-era events upcast them with these too. */
    public static final String IMPLIED_DESTINATION = Countries.CHINA;
    /** How every V1 order went: an export from the US. */
    public static final TransactionKind IMPLIED_TRANSACTION_KIND = TransactionKind.EXPORT;

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

    /**
     * The upcast to V2. Every V1 order was an export from the US to China: the regulator put every
     * one through the Chinese import track, and nothing else was sold. So V1 reads as destination
     * {@code CN}, transaction {@code EXPORT}, headquarters not stated — which every policy version
     * decides exactly as it decided the V1 order (China is reviewed whatever the parties).
     */
    @Override
    @JsonIgnore
    public OrderRequestedV2 asV2() {
        return new OrderRequestedV2(orderId, customerId, customerName, productSku, productFamily, quantity,
                unitPrice, grossAmount, usageScenario, erpReference, occurredAt, requestedBy,
                IMPLIED_DESTINATION, IMPLIED_TRANSACTION_KIND, null, null);
    }
}
