package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The webhook calls and readings the webhook tests share. */
final class WebhookApi {

    static final String HOOKS = "/api/v1/webhooks";

    private WebhookApi() {
    }

    /** Registers {@code url} for {@code user}'s client from the feed's end; the 201's body. */
    static JsonPath register(String user, String url) {
        return as(user).contentType("application/json").body("{\"url\": \"" + url + "\"}").when().post(HOOKS)
                .then().statusCode(201).body("state", equalTo("ACTIVE")).extract().jsonPath();
    }

    /** Requests an order as {@code user}; its id. */
    static String order(String user) {
        return OrderApi.post(as(user), UUID.randomUUID().toString(), OrderApi.body("hooks-" + UUID.randomUUID()))
                .statusCode(202).extract().path("orderId");
    }

    static Set<String> orderIds(List<JsonNode> items) {
        return items.stream().map(i -> i.path("orderId").asText()).collect(Collectors.toSet());
    }

    /** The feed position a cursor names. */
    static long position(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        return Long.parseLong(text.substring(2));
    }
}
