package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.WireJson;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.RequestOrderCommand;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The body of {@code POST /api/v1/orders}. Jackson checks the shapes and the money format;
 * {@link #validated()} checks presence and ranges, naming the field.
 *
 * @param destination                where the order ships, ISO 3166-1 alpha-2 in upper case;
 *                                   absent: {@code CN}, what every order meant before the field
 * @param transactionKind            EXPORT, REEXPORT or IN_COUNTRY_TRANSFER; absent: EXPORT
 * @param buyerHeadquarters          the buyer's headquarters country; required unless the
 *                                   destination is CN or MO
 * @param ultimateParentHeadquarters the buyer's ultimate parent's headquarters country (the
 *                                   buyer's own when it has none); required unless CN or MO
 */
public record OrderRequestBody(
        String customerId,
        String customerName,
        String product,
        Long quantity,
        Money unitPrice,
        String usageScenario,
        String erpReference,
        String destination,
        String transactionKind,
        String buyerHeadquarters,
        String ultimateParentHeadquarters) {

    /** The body of a client that names neither destination nor parties (an export to China). */
    public OrderRequestBody(String customerId, String customerName, String product, Long quantity,
                            Money unitPrice, String usageScenario, String erpReference) {
        this(customerId, customerName, product, quantity, unitPrice, usageScenario, erpReference, null, null,
                null, null);
    }

    /**
     * Returns this body with every rule checked; throws a problem naming the first bad field: 400
     * for a missing or malformed value, 422 {@code LIMIT_EXCEEDED} for one above a limit of
     * {@link WireLimits}. The gross (unit price × quantity) is held to the amount limit too.
     */
    OrderRequestBody validated() {
        RequestFields.text("customerId", customerId, WireLimits.ID_CHARS_MAX);
        RequestFields.text("customerName", customerName, WireLimits.CUSTOMER_NAME_CHARS_MAX);
        RequestFields.text("product", product, WireLimits.PRODUCT_SKU_CHARS_MAX);
        RequestFields.present("quantity", quantity);
        if (quantity < 1) {
            throw ProblemException.badRequest("quantity", "quantity must be at least 1, got " + quantity);
        }
        if (quantity > WireLimits.QUANTITY_MAX) {
            throw ProblemException.limitExceeded(422, "quantity", "quantity must be at most "
                    + WireLimits.QUANTITY_MAX + ", got " + quantity);
        }
        RequestFields.positiveAmount("unitPrice", unitPrice);
        RequestFields.withinAmountLimit("unitPrice.amount", "unitPrice × quantity",
                unitPrice.value().multiply(BigDecimal.valueOf(quantity)), unitPrice.currency());
        RequestFields.optionalText("usageScenario", usageScenario, WireLimits.USAGE_SCENARIO_CHARS_MAX);
        RequestFields.optionalText("erpReference", erpReference, WireLimits.ID_CHARS_MAX);
        RequestFields.optionalCountry("destination", destination);
        transactionKindOrDefault();
        RequestFields.optionalCountry("buyerHeadquarters", buyerHeadquarters);
        RequestFields.optionalCountry("ultimateParentHeadquarters", ultimateParentHeadquarters);
        if (!OrderRequestedV2.partiesOptionalFor(destinationOrDefault())) {
            // Outside China and Macau the headquarters decide whether a licence is needed at all.
            String missing = buyerHeadquarters == null ? "buyerHeadquarters"
                    : ultimateParentHeadquarters == null ? "ultimateParentHeadquarters" : null;
            if (missing != null) {
                throw ProblemException.badRequest(missing, missing + " is required when destination is "
                        + destination + " (only CN and MO may leave the headquarters out)");
            }
        }
        return this;
    }

    RequestOrderCommand toCommand(String orderId, String requestedBy, Instant now) {
        return new RequestOrderCommand(orderId, customerId, customerName, product, quantity, unitPrice,
                usageScenario, erpReference, requestedBy, now, destinationOrDefault(), transactionKindOrDefault(),
                buyerHeadquarters, ultimateParentHeadquarters);
    }

    private String destinationOrDefault() {
        return destination != null ? destination : OrderRequestedV1.IMPLIED_DESTINATION;
    }

    private TransactionKind transactionKindOrDefault() {
        if (transactionKind == null) {
            return OrderRequestedV1.IMPLIED_TRANSACTION_KIND;
        }
        try {
            return TransactionKind.valueOf(transactionKind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("transactionKind", "transactionKind must be one of "
                    + Arrays.toString(TransactionKind.values()) + ", got " + transactionKind);
        }
    }

    /**
     * SHA-256 of the canonical body (money at the currency's scale, fields in a fixed order), so
     * "10.5" and "10.50" or reordered JSON count as the same request under one Idempotency-Key.
     */
    String fingerprint() {
        // The defaults written out or left out are the same request; left out, the fingerprint of a
        // body without the newer fields is the one it had before they existed.
        String canonicalDestination = OrderRequestedV1.IMPLIED_DESTINATION.equals(destination) ? null : destination;
        String canonicalKind = transactionKind == null
                || OrderRequestedV1.IMPLIED_TRANSACTION_KIND.name().equals(transactionKind) ? null : transactionKind;
        OrderRequestBody canonical = new OrderRequestBody(customerId, customerName, product, quantity,
                unitPrice.canonical(), usageScenario, erpReference, canonicalDestination, canonicalKind,
                buyerHeadquarters, ultimateParentHeadquarters);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(WireJson.write(canonical));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

}
