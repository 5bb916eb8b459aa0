package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireJson;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.RequestOrderCommand;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The body of {@code POST /api/v1/orders}. Jackson checks the shapes and the money format;
 * {@link #validated()} checks presence and ranges, naming the field.
 */
public record OrderRequestBody(
        String customerId,
        String customerName,
        String product,
        Long quantity,
        Money unitPrice,
        String usageScenario,
        String erpReference) {

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
        return this;
    }

    RequestOrderCommand toCommand(String orderId, String requestedBy, Instant now) {
        return new RequestOrderCommand(orderId, customerId, customerName, product, quantity, unitPrice,
                usageScenario, erpReference, requestedBy, now);
    }

    /**
     * SHA-256 of the canonical body (money at the currency's scale, fields in a fixed order), so
     * "10.5" and "10.50" or reordered JSON count as the same request under one Idempotency-Key.
     */
    String fingerprint() {
        OrderRequestBody canonical = new OrderRequestBody(customerId, customerName, product, quantity,
                unitPrice.canonical(), usageScenario, erpReference);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(WireJson.write(canonical));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

}
