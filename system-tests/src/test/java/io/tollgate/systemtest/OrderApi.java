package io.tollgate.systemtest;

import io.tollgate.contracts.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** order-service's public API as the ERP (orders) and treasury (payments) call it. */
final class OrderApi {

    private static final int PAGES_MAX = 100;

    private final Http erp;
    private final Http treasury;

    OrderApi(TollgateStack stack) {
        String baseUrl = stack.order().baseUrl();
        this.erp = new Http(stack.credentials(), Roles.ERP, baseUrl);
        this.treasury = new Http(stack.credentials(), Roles.TREASURY, baseUrl);
    }

    Http.Reply submit(String idempotencyKey, OrderLine line) {
        return submit(idempotencyKey, line, Map.of());
    }

    /** The same with more request headers (e.g. the ERP's own {@code traceparent}). */
    Http.Reply submit(String idempotencyKey, OrderLine line, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Idempotency-Key", idempotencyKey);
        return erp.post("/api/v1/orders", line.body(), all);
    }

    /** Submits and expects 202 REQUESTED with a Location; returns the order id. */
    String submitAccepted(String idempotencyKey, OrderLine line) {
        Http.Reply reply = submit(idempotencyKey, line).expect(202);
        String orderId = reply.text("orderId");
        if (orderId.isBlank() || reply.location().isEmpty() || !reply.location().get().endsWith(orderId)) {
            throw new AssertionError("202 without an order id and its Location: " + reply.raw()
                + " Location=" + reply.location());
        }
        return orderId;
    }

    /** Uploads a batch of order lines in NDJSON, each line's key beside its order request. */
    Http.Reply uploadBatch(String idempotencyKey, Map<String, OrderLine> linesByKey) {
        StringBuilder ndjson = new StringBuilder();
        linesByKey.forEach((key, line) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("idempotencyKey", key);
            body.putAll(line.body());
            try {
                ndjson.append(Http.JSON.writeValueAsString(body)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return erp.post("/api/v1/order-batches", ndjson.toString().getBytes(StandardCharsets.UTF_8),
            "application/x-ndjson", Map.of("Idempotency-Key", idempotencyKey));
    }

    JsonNode batch(String batchId) {
        return erp.get("/api/v1/order-batches/" + batchId).expect(200).json();
    }

    Http.Reply find(String orderId) {
        return erp.get("/api/v1/orders/" + orderId);
    }

    JsonNode order(String orderId) {
        return find(orderId).expect(200).json();
    }

    String status(String orderId) {
        return order(orderId).path("status").asText();
    }

    /** Every order of a customer, following the cursor (bounded). */
    List<JsonNode> ordersOf(String customerId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            String path = "/api/v1/orders?limit=500&customerId=" + encode(customerId)
                + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode body = erp.get(path).expect(200).json();
            body.path("items").forEach(all::add);
            JsonNode next = body.path("nextCursor");
            if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
                return all;
            }
            cursor = next.asText();
        }
        throw new AssertionError("more than " + PAGES_MAX + " pages of orders for " + customerId);
    }

    /** The ERP supplies the usage scenario the order's application waits for, under a key of its own. */
    Http.Reply supplyUsageScenario(String orderId, String idempotencyKey, String usageScenario) {
        return erp.post("/api/v1/orders/" + orderId + "/usage-scenario", Map.of("usageScenario", usageScenario),
            Map.of("Idempotency-Key", idempotencyKey));
    }

    /**
     * The ERP supplies one of the documents the regulator requires (the regulator's body: kind,
     * issuer, days, reference, sha256) through order-service.
     */
    Http.Reply supplyDocument(String orderId, String idempotencyKey, Map<String, Object> document) {
        return erp.post("/api/v1/orders/" + orderId + "/documents", document,
            Map.of("Idempotency-Key", idempotencyKey));
    }

    /** The order's rows of the change feed as the ERP reads it, oldest first (every page, bounded). */
    List<JsonNode> changesOf(String orderId) {
        List<JsonNode> mine = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < PAGES_MAX; page++) {
            JsonNode body = erp.get("/api/v1/order-changes?limit=500"
                + (cursor == null ? "" : "&cursor=" + encode(cursor))).expect(200).json();
            if (body.path("items").isEmpty()) {
                return mine;
            }
            body.path("items").forEach(item -> {
                if (item.path("orderId").asText().equals(orderId)) {
                    mine.add(item);
                }
            });
            cursor = body.path("nextCursor").asText();
        }
        throw new AssertionError("more than " + PAGES_MAX + " pages of order changes");
    }

    Http.Reply cancel(String orderId) {
        return erp.post("/api/v1/orders/" + orderId + "/cancellation", null);
    }

    Http.Reply pay(String orderId, String idempotencyKey, Money amount, String treasuryReference) {
        return treasury.post("/api/v1/orders/" + orderId + "/revenue-share-payments",
            Map.of("amount", Map.of("amount", amount.amount(), "currency", amount.currency()),
                "treasuryReference", treasuryReference),
            Map.of("Idempotency-Key", idempotencyKey));
    }

    /** A money field of an order view, or null when absent (e.g. due before authorization). */
    static Money money(JsonNode order, String field) {
        JsonNode node = order.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return new Money(node.path("amount").asText(), node.path("currency").asText());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
