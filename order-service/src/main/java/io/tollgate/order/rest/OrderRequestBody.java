package io.tollgate.order.rest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.WireJson;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.RequestOrderCommand;
import io.tollgate.order.command.Order;
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

    static final int ID_CHARS_MAX = 200;
    static final int NAME_CHARS_MAX = 500;
    static final int PRODUCT_CHARS_MAX = 100;
    static final int USAGE_SCENARIO_CHARS_MAX = 10_000;

    /** Returns this body with every rule checked; throws a 400 problem naming the first bad field. */
    OrderRequestBody validated() {
        RequestFields.text("customerId", customerId, ID_CHARS_MAX);
        RequestFields.text("customerName", customerName, NAME_CHARS_MAX);
        RequestFields.text("product", product, PRODUCT_CHARS_MAX);
        RequestFields.present("quantity", quantity);
        if (quantity < 1 || quantity > Order.QUANTITY_MAX) {
            throw ProblemException.badRequest("quantity", "quantity must be between 1 and " + Order.QUANTITY_MAX
                    + ", got " + quantity);
        }
        RequestFields.present("unitPrice", unitPrice);
        if (unitPrice.isNegative() || unitPrice.isZero()) {
            throw ProblemException.badRequest("unitPrice.amount", "unitPrice.amount must be positive, got "
                    + unitPrice.amount());
        }
        RequestFields.optionalText("usageScenario", usageScenario, USAGE_SCENARIO_CHARS_MAX);
        RequestFields.optionalText("erpReference", erpReference, ID_CHARS_MAX);
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
