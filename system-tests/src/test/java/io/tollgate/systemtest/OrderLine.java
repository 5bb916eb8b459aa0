package io.tollgate.systemtest;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.RevenueShare;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an ERP system orders (the body of {@code POST /api/v1/orders}) plus the product family the
 * design names for the SKU, which is also the ledger's revenue account suffix.
 */
record OrderLine(String customerId, String customerName, String product, String family, long quantity,
                 Money unitPrice, String usageScenario, String erpReference) {

    /** A scenario the default policy accepts: long enough and naming workload categories. */
    static final String GOOD_SCENARIO = "Training and inference of large language models for search and"
        + " recommendation, hosted in our own data centre in Hangzhou";

    static OrderLine h200(String customerId, String customerName, String sku, long quantity, String unitPrice,
                          String erpReference) {
        return new OrderLine(customerId, customerName, sku, "hopper", quantity, usd(unitPrice), GOOD_SCENARIO,
            erpReference);
    }

    static Money usd(String amount) {
        return new Money(amount, "USD");
    }

    OrderLine withProduct(String sku, String productFamily) {
        return new OrderLine(customerId, customerName, sku, productFamily, quantity, unitPrice, usageScenario,
            erpReference);
    }

    OrderLine withUsageScenario(String scenario) {
        return new OrderLine(customerId, customerName, product, family, quantity, unitPrice, scenario,
            erpReference);
    }

    Money gross() {
        return unitPrice.times(quantity);
    }

    /** The share owed at {@code rate}, by the contract's one rounding rule. */
    Money share(BigDecimal rate) {
        return RevenueShare.of(gross(), rate);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerName", customerName);
        body.put("product", product);
        body.put("quantity", quantity);
        body.put("unitPrice", Map.of("amount", unitPrice.amount(), "currency", unitPrice.currency()));
        if (usageScenario != null) {
            body.put("usageScenario", usageScenario);
        }
        body.put("erpReference", erpReference);
        return body;
    }
}
