package io.tollgate.order.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP conventions of docs/api.md on order-service: strong ETags and 304, If-Match and 412,
 * Idempotent-Replayed on stored answers, idempotent cancellation with a reason, problem types that
 * resolve to the error catalogue.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OrderConventionsTest {

    @Test
    void aReadCarriesAStrongETagAndIfNoneMatchAnswers304WhileUnchanged() {
        // given
        String orderId = OrderApi.requestOrder("etag-" + UUID.randomUUID());
        String etag = OrderApi.get(orderId).statusCode(200).extract().header("ETag");
        // when / then
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        OrderApi.asTester().header("If-None-Match", etag).when().get("/api/v1/orders/" + orderId).then()
                .statusCode(304).header("ETag", etag).body(emptyString());
        OrderApi.asTester().header("If-None-Match", "\"stale\"").when().get("/api/v1/orders/" + orderId).then()
                .statusCode(200).header("ETag", etag).body("orderId", equalTo(orderId));
    }

    @Test
    void aCancelWithAStaleIfMatchIsRefusedWith412AndChangesNothing() {
        // given
        String orderId = OrderApi.requestOrder("if-match-" + UUID.randomUUID());
        String etag = OrderApi.get(orderId).extract().header("ETag");
        // when / then
        OrderApi.asTester().header("If-Match", "\"not-the-current-one\"").when()
                .post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(412).contentType("application/problem+json")
                .body("code", equalTo("PRECONDITION_FAILED")).body("field", equalTo("If-Match"));
        assertThat(OrderApi.status(orderId)).isEqualTo("REQUESTED");
        OrderApi.asTester().header("If-Match", etag).when()
                .post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(202).body("status", equalTo("CANCELLED"));
    }

    @Test
    void aRetriedCancelAnswersTheSameResultMarkedReplayedAndKeepsTheFirstReason() {
        // given
        String orderId = OrderApi.requestOrder("cancel-" + UUID.randomUUID());
        // when
        var first = OrderApi.asTester().contentType("application/json")
                .body("{\"reason\":\"customer withdrew PO-4711\"}")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then();
        var retry = OrderApi.asTester().contentType("application/json")
                .body("{\"reason\":\"sent twice by the ERP\"}")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then();
        // then
        first.statusCode(202).body("status", equalTo("CANCELLED")).header("Idempotent-Replayed", nullValue());
        retry.statusCode(202).body("status", equalTo("CANCELLED")).header("Idempotent-Replayed", "true");
        OrderApi.get(orderId).body("history.summary", hasItem(org.hamcrest.Matchers.containsString(
                "customer withdrew PO-4711")));
        assertThat(OrderApi.get(orderId).extract().jsonPath().getList("history.summary").toString())
                .doesNotContain("sent twice");
    }

    @Test
    void aCancelReasonAboveItsLimitIsRefusedNamingTheField() {
        // given
        String orderId = OrderApi.requestOrder("cancel-long-" + UUID.randomUUID());
        String reason = "x".repeat(2_001);
        // when / then
        OrderApi.asTester().contentType("application/json").body("{\"reason\":\"" + reason + "\"}")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(422).body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("reason"));
        assertThat(OrderApi.status(orderId)).isEqualTo("REQUESTED");
    }

    @Test
    void aCancelBodyIsReadAsStrictlyAsEveryOtherBody() {
        // given
        String orderId = OrderApi.requestOrder("cancel-strict-" + UUID.randomUUID());
        // when / then: an unknown field, a loose type and a non-JSON body are refused; nothing changes
        OrderApi.asTester().contentType("application/json").body("{\"reasn\":\"typo\"}")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("field", equalTo("reasn"));
        OrderApi.asTester().contentType("application/json").body("{\"reason\":5}")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(400).body("field", equalTo("reason"));
        OrderApi.asTester().contentType("text/plain").body("because")
                .when().post("/api/v1/orders/" + orderId + "/cancellation").then()
                .statusCode(415).contentType("application/problem+json");
        assertThat(OrderApi.status(orderId)).isEqualTo("REQUESTED");
    }

    @Test
    void aRepeatedRequestUnderTheSameKeyIsMarkedAsTheStoredAnswer() {
        // given
        String key = "replay-" + UUID.randomUUID();
        String body = OrderApi.body("replay-" + UUID.randomUUID());
        // when
        var first = OrderApi.post(key, body);
        var again = OrderApi.post(key, body);
        // then
        first.statusCode(202).header("Idempotent-Replayed", nullValue());
        again.statusCode(202).header("Idempotent-Replayed", "true")
                .body("orderId", equalTo(first.extract().path("orderId")));
    }

    @Test
    void aProblemsTypeResolvesToItsCatalogueEntryWithoutCredentials() {
        // given: a refusal
        String type = OrderApi.asTester().queryParam("cursor", "not-a-cursor").when().get("/api/v1/orders")
                .then().statusCode(400).body("code", equalTo("INVALID_FIELD")).extract().path("type");
        // when / then
        assertThat(type).isEqualTo("/problems/invalid-field");
        given().when().get(type).then().statusCode(200)
                .body("code", equalTo("INVALID_FIELD")).body("type", equalTo(type));
        given().when().get("/problems").then().statusCode(200)
                .body("problems.code", hasItem("IDEMPOTENCY_KEY_BUSY"))
                .body("problems.find { it.code == 'IDEMPOTENCY_KEY_BUSY' }.retryAfterSeconds", equalTo(1));
        given().when().get("/problems/no-such-code").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
