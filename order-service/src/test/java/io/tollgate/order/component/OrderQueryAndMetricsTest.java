package io.tollgate.order.component;

import io.tollgate.contracts.Roles;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading orders (one, a page, following cursors), snapshots of long histories, and /q/metrics. */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OrderQueryAndMetricsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** More payments than tollgate.order.snapshot-events-every (50) events. */
    private static final int PAYMENTS = 60;
    private static KafkaProbe kafka;

    @Inject
    Databases databases;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void anOrderShowsItsAmountsReferencesAndTimedHistory() {
        // given
        String customer = "query-one-" + UUID.randomUUID();
        String orderId = OrderApi.requestOrder(customer, 10, "0.01");

        // when
        var order = OrderApi.get(orderId).statusCode(200);

        // then
        order.body("orderId", equalTo(orderId)).body("status", equalTo("REQUESTED"))
                .body("customerId", equalTo(customer)).body("product", equalTo("H200-SXM-141GB"))
                .body("productFamily", equalTo("hopper")).body("quantity", equalTo(10))
                .body("unitPrice.amount", equalTo("0.01")).body("grossAmount.amount", equalTo("0.10"))
                .body("revenueSharePaid.amount", equalTo("0.00")).body("revenueShareDue", nullValue())
                .body("authorization", nullValue())
                .body("history", hasSize(1)).body("history[0].type", equalTo("OrderRequested"))
                .body("history[0].occurredAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("history[0].recordedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("history[0].principal", equalTo(TestUsers.TESTER));

        // and: the grant rounds 0.10 × 25% = 0.025 half-even to 0.02
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        OrderApi.get(orderId).body("revenueShareDue.amount", equalTo("0.02"))
                .body("revenueShareRate", equalTo("0.25")).body("payee", equalTo("US-TREASURY"))
                .body("authorization.decision", equalTo("GRANTED"))
                .body("authorization.policyVersion", equalTo("policy-2026.1"))
                .body("authorization.policyClause", equalTo(Decisions.CLAUSE))
                .body("authorization.decidedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"))
                .body("authorization.reasons", hasSize(0))
                .body("history[1].type", equalTo("OrderAuthorized"))
                .body("history[1].principal", equalTo("system:order-service"));
    }

    @Test
    void pagesFollowTheCursorUntilTheLastOneAndFilterByStatusAndCustomer() {
        // given: five orders of one customer, one of them cancelled
        String customer = "query-page-" + UUID.randomUUID();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(OrderApi.requestOrder(customer));
        }
        OrderApi.cancel(created.get(2)).statusCode(202);

        // when: pages of two
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = OrderApi.asTester().queryParam("customerId", customer).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/orders").then().statusCode(200).extract();
            seen.addAll(page.path("items.orderId"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);

        // then
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
        OrderApi.asTester().queryParam("customerId", customer).queryParam("status", "CANCELLED")
                .when().get("/api/v1/orders").then().statusCode(200)
                .body("items.orderId", equalTo(List.of(created.get(2)))).body("nextCursor", nullValue());
    }

    @Test
    void anOrderWithManyPaymentsIsSnapshottedAndStillLoadsCorrectly() {
        // given: an authorized order owing 25.00 USD (100 × 1.00 USD)
        String orderId = OrderApi.requestOrder("query-snapshot-" + UUID.randomUUID(), 100, "1.00");
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));

        // when: 60 payments of 0.01, then the rest in one
        for (int i = 0; i < PAYMENTS; i++) {
            OrderApi.pay(orderId, "snap-" + i, "0.01", "USD", "UST-" + i).statusCode(202);
        }
        OrderApi.pay(orderId, "snap-rest", "24.40", "USD", "UST-rest").statusCode(202)
                .body("status", equalTo("SETTLED"));

        // then: a snapshot was taken, and the state loaded from it still refuses overpayment and
        // recognises an old payment id
        assertThat(Stored.snapshots(databases, orderId)).isPositive();
        OrderApi.get(orderId).body("revenueSharePaid.amount", equalTo("25.00")).body("version", equalTo(63));
        OrderApi.pay(orderId, "snap-3", "0.01", "USD", "UST-3").statusCode(202).body("status", equalTo("SETTLED"));
        OrderApi.pay(orderId, "snap-more", "0.01", "USD", "UST-more").statusCode(409)
                .body("code", equalTo("ORDER_ALREADY_SETTLED"));
    }

    @Test
    void metricsShowTheOrderCountersAmountsOutboxConsumerAndAxon() {
        // given
        String orderId = OrderApi.requestOrder("query-metrics-" + UUID.randomUUID());
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        OrderApi.pay(orderId, UUID.randomUUID().toString(), "1.00", "USD", "UST-1").statusCode(202);
        String cancelled = OrderApi.requestOrder("query-metrics-" + UUID.randomUUID());
        OrderApi.cancel(cancelled).statusCode(202);
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), "metrics-garbage", "x".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());

        // when / then
        await().atMost(WAIT).untilAsserted(() -> given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR)).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tollgate_orders_requested_total{currency=\"USD\",product_family=\"hopper\"}"))
                .body(containsString("tollgate_orders_authorized_total{currency=\"USD\",product_family=\"hopper\"}"))
                .body(containsString("tollgate_orders_cancelled_total{currency=\"USD\",product_family=\"hopper\"}"))
                .body(containsString("tollgate_orders_revenue_share_due_total{currency=\"USD\"}"))
                .body(containsString("tollgate_orders_revenue_share_paid_total{currency=\"USD\"}"))
                .body(containsString("tollgate_outbox_lag"))
                .body(containsString("tollgate_outbox_published_total"))
                .body(containsString("tollgate_consumer_dead_lettered_total"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag"))
                .body(containsString("commandBus")));
    }

    @Test
    void theApiIsDescribedInOpenApiWithSwaggerUiForAuthenticatedCallersOnly() {
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .when().get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/api/v1/orders/{orderId}/revenue-share-payments"))
                .body(containsString("Idempotency-Key"));
        given().auth().preemptive().basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR))
                .when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(401);
        given().when().get("/q/swagger-ui/").then().statusCode(401);
    }
}
