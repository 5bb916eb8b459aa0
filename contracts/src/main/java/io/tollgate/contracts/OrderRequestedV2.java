package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An ERP system asked to buy accelerators for a customer, saying where they go and who buys them;
 * nothing is owed yet. Published by order-service on {@link Topics#ORDERS} since the parties rule
 * of 15 January 2026 (V1 is still read: see {@link OrderRequestedV1#asV2()}).
 *
 * @param destination                the country the accelerators are shipped to (ISO 3166-1 alpha-2)
 * @param transactionKind            export from the US, reexport, or in-country transfer
 * @param buyerHeadquarters          the country of the buyer's headquarters; absent when the order
 *                                   did not say (allowed only for destinations CN and MO)
 * @param ultimateParentHeadquarters the country of the headquarters of the buyer's ultimate parent;
 *                                   absent when the order did not say (as above)
 * @param requestedBy                the principal that submitted the order
 */
public record OrderRequestedV2(
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
        String requestedBy,
        @JsonProperty(required = true) String destination,
        @JsonProperty(required = true) TransactionKind transactionKind,
        String buyerHeadquarters,
        String ultimateParentHeadquarters) implements OrderRequested {

    public static final String TYPE = "tollgate.order.requested.v2";

    public OrderRequestedV2 {
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
        if (unitPrice.times(quantity).compareTo(grossAmount) != 0) {
            throw new ContractViolationException("grossAmount", "must equal unitPrice × quantity");
        }
        Countries.require("destination", destination);
        Require.present("transactionKind", transactionKind);
        Countries.optional("buyerHeadquarters", buyerHeadquarters);
        Countries.optional("ultimateParentHeadquarters", ultimateParentHeadquarters);
        // Only China and Macau are decided without the parties: elsewhere the headquarters decide
        // whether a licence is needed at all, so a producer that leaves them out is broken.
        if (!partiesOptionalFor(destination)
                && (buyerHeadquarters == null || ultimateParentHeadquarters == null)) {
            throw new ContractViolationException(buyerHeadquarters == null ? "buyerHeadquarters"
                    : "ultimateParentHeadquarters", "is required when destination is not CN or MO");
        }
    }

    /** True for the destinations whose orders may leave the headquarters out (CN, MO). */
    public static boolean partiesOptionalFor(String destination) {
        return Countries.CHINA.equals(destination) || Countries.MACAU.equals(destination);
    }

    @Override
    @JsonIgnore
    public OrderRequestedV2 asV2() {
        return this;
    }
}
