package io.tollgate.order.component;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tollgate.eventing.testkit.TestUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The REST calls the component tests make, with a default valid order body. They authenticate as
 * {@link TestUsers#TESTER} (every role): these tests are about behaviour, not about who may call.
 */
final class OrderApi {

    private OrderApi() {
    }

    /** A request authenticated as the all-roles test user. */
    static RequestSpecification asTester() {
        return as(TestUsers.TESTER);
    }

    /** A request authenticated (HTTP Basic, preemptive) as a test user, e.g. a role's own user. */
    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    static String body(String customerId) {
        return body(customerId, "H200-SXM-141GB", 1000, "31500.00", "USD");
    }

    static String body(String customerId, String product, long quantity, String unitPrice, String currency) {
        return "{\"customerId\":\"" + customerId + "\",\"customerName\":\"" + customerId + " Ltd.\","
                + "\"product\":\"" + product + "\",\"quantity\":" + quantity + ","
                + "\"unitPrice\":{\"amount\":\"" + unitPrice + "\",\"currency\":\"" + currency + "\"},"
                + "\"usageScenario\":\"LLM inference for search\",\"erpReference\":\"PO-4711\"}";
    }

    static ValidatableResponse post(String key, String body) {
        return post(asTester(), key, body);
    }

    static ValidatableResponse post(RequestSpecification given, String key, String body) {
        var request = given.contentType("application/json").body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/orders").then();
    }

    /** Requests a valid order under a fresh key and returns its id. */
    static String requestOrder(String customerId) {
        return post(UUID.randomUUID().toString(), body(customerId)).statusCode(202).extract().path("orderId");
    }

    static String requestOrder(String customerId, long quantity, String unitPrice) {
        return post(UUID.randomUUID().toString(), body(customerId, "H200-SXM-141GB", quantity, unitPrice, "USD"))
                .statusCode(202).extract().path("orderId");
    }

    static ValidatableResponse get(String orderId) {
        return asTester().when().get("/api/v1/orders/" + orderId).then();
    }

    static String status(String orderId) {
        return get(orderId).statusCode(200).extract().path("status");
    }

    static ValidatableResponse cancel(String orderId) {
        return asTester().when().post("/api/v1/orders/" + orderId + "/cancellation").then();
    }

    static ValidatableResponse pay(String orderId, String key, String amount, String currency, String reference) {
        return asTester().contentType("application/json").header("Idempotency-Key", key)
                .body("{\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"" + currency + "\"},"
                        + "\"treasuryReference\":\"" + reference + "\"}")
                .when().post("/api/v1/orders/" + orderId + "/revenue-share-payments").then();
    }

    /** One field of each of the order's rows in the change feed, oldest first (every page read). */
    static List<String> changesOf(String orderId, String field) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = asTester().queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/v1/order-changes").then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return values;
            }
            items.stream().filter(i -> orderId.equals(i.get("orderId")))
                    .forEach(i -> values.add((String) i.get(field)));
            cursor = page.getString("nextCursor");
        }
    }
}
