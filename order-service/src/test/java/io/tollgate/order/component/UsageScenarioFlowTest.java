package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.kafka.ProcessedEvents;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.kafka.AuthorizationConsumer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The regulator's waits on the order and the ERP's usage scenario: a wait from
 * tollgate.authorizations.v1 shows on the order and in the change feed, the ERP supplies the
 * scenario over REST, order-service publishes it (signed) on tollgate.orders.v1, and the decision
 * ends the wait.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class UsageScenarioFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCENARIO = "LLM inference for the Doubao assistant in the Ulanqab data centre";
    private static final String DLT = Topics.deadLetterFor(AuthorizationConsumer.GROUP).name();
    private static KafkaProbe kafka;

    @Inject
    ProcessedEvents processed;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void theErpSeesTheWaitSuppliesTheScenarioAndTheGrantEndsTheWait() {
        // given an order whose application waits for a usage scenario
        String orderId = OrderApi.requestOrder("scenario-" + UUID.randomUUID());
        send(pending(orderId, AuthorizationPendingV1.USAGE_SCENARIO, Instant.now()));
        await().atMost(WAIT).until(() -> AuthorizationPendingV1.USAGE_SCENARIO.equals(
                OrderApi.get(orderId).extract().path("authorization.waitingFor")));
        String etag = OrderApi.get(orderId).statusCode(200)
                .body("status", equalTo("REQUESTED"))
                .body("authorization.decision", nullValue())
                .body("authorization.policyVersion", equalTo("policy-2026.1"))
                .body("authorization.requirement.code", equalTo("USAGE_SCENARIO_MISSING"))
                .body("authorization.requirement.track", equalTo("CN_IMPORT"))
                .body("authorization.requirement.text", equalTo("at least 40 characters naming a workload"))
                .extract().header("ETag");
        String key = UUID.randomUUID().toString();

        // when: a stale If-Match, an empty and a too long text are refused; then the scenario is taken
        supply(orderId, null, "\"x\"", SCENARIO).statusCode(412);
        supply(orderId, null, null, " ").statusCode(400).body("field", equalTo("usageScenario"));
        supply(orderId, null, null, "x".repeat(WireLimits.USAGE_SCENARIO_CHARS_MAX + 1)).statusCode(422)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("usageScenario"));
        supply(orderId, key, etag, SCENARIO).statusCode(202).body("status", equalTo("REQUESTED"))
                .header("Idempotent-Replayed", nullValue());

        // then: a retry is answered again, another text under the key or a second scenario is refused
        supply(orderId, key, null, SCENARIO).statusCode(202).header("Idempotent-Replayed", "true");
        supply(orderId, key, null, SCENARIO + " and training").statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        supply(orderId, null, null, SCENARIO).statusCode(409).body("code", equalTo("ORDER_NOT_AWAITING_SCENARIO"));
        OrderApi.get(orderId).body("authorization", nullValue()).body("usageScenario", equalTo(SCENARIO));

        // and it is published once, signed, naming the caller who requested the order
        ConsumerRecord<String, byte[]> record = await().atMost(WAIT).until(() -> supplied(orderId),
                list -> !list.isEmpty()).get(0);
        UsageScenarioSuppliedV1 wire = (UsageScenarioSuppliedV1) decode(record).event();
        assertThat(wire.usageScenario()).isEqualTo(SCENARIO);
        assertThat(wire.suppliedBy()).isEqualTo(requestedBy(orderId));
        assertThat(record.headers().lastHeader("ce_dssematerial")).isNotNull();

        // when the regulator grants
        send(Decisions.grant(orderId, "auth-" + orderId));

        // then the order is authorized and waits for nothing; the feed shows every step
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        OrderApi.get(orderId).body("authorization.waitingFor", nullValue())
                .body("authorization.requirement", nullValue())
                .body("authorization.decision", equalTo("GRANTED"));
        assertThat(supplied(orderId)).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(OrderApi.changesOf(orderId, "changeType"))
                .containsExactly("OrderRequested", "AuthorizationPending", "UsageScenarioSupplied",
                        "OrderAuthorized"));
        assertThat(OrderApi.changesOf(orderId, "waitingFor")).containsExactly(null, "USAGE_SCENARIO", null, null);
    }

    @Test
    void aScenarioIsRefusedWhileTheApplicationWaitsForAnOfficerAndAnOlderWaitIsIgnored() {
        // given
        String orderId = OrderApi.requestOrder("review-" + UUID.randomUUID());
        Instant asked = Instant.now();
        send(pending(orderId, AuthorizationPendingV1.OFFICER_REVIEW, asked));
        Envelope older = pending(orderId, AuthorizationPendingV1.USAGE_SCENARIO, asked.minusSeconds(5));

        // when
        send(older);
        await().atMost(WAIT).until(() -> processed.contains(AuthorizationConsumer.GROUP, older.id()));

        // then
        OrderApi.get(orderId).body("authorization.waitingFor", equalTo("OFFICER_REVIEW"));
        supply(orderId, null, null, SCENARIO).statusCode(409).body("code", equalTo("ORDER_NOT_AWAITING_SCENARIO"));
        assertThat(supplied(orderId)).isEmpty();
    }

    @Test
    void anotherClientsOrderAnswers404AndAWaitForAnUnknownOrderIsDeadLettered() {
        // given
        String orderId = OrderApi.requestOrder("foreign-" + UUID.randomUUID());
        send(pending(orderId, AuthorizationPendingV1.USAGE_SCENARIO, Instant.now()));
        await().atMost(WAIT).until(() -> OrderApi.get(orderId).extract().path("authorization.waitingFor") != null);
        String unknown = UUID.randomUUID().toString();

        // when
        ValidatableResponse foreign = OrderApi.as(io.tollgate.contracts.Roles.ERP).contentType("application/json")
                .body("{\"usageScenario\":\"" + SCENARIO + "\"}")
                .when().post("/api/v1/orders/" + orderId + "/usage-scenario").then();
        send(pending(unknown, AuthorizationPendingV1.USAGE_SCENARIO, Instant.now()));

        // then
        foreign.statusCode(404);
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> kafka.readAll(DLT,
                Duration.ofSeconds(5)).stream().filter(r -> unknown.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        assertThat(new String(dead.headers().lastHeader(Topics.DLT_REASON_HEADER).value())).startsWith("UNKNOWN_ORDER");
    }

    private static Envelope pending(String orderId, String waitingFor, Instant at) {
        return Envelope.of(UUID.randomUUID().toString(), Decisions.SOURCE, new AuthorizationPendingV1(orderId,
                waitingFor, TrackDecision.CN_IMPORT, "USAGE_SCENARIO_MISSING",
                "at least 40 characters naming a workload", "policy-2026.1", "necessity-commercial", at));
    }

    private static ValidatableResponse supply(String orderId, String key, String ifMatch, String text) {
        var request = OrderApi.asTester().contentType("application/json")
                .body("{\"usageScenario\":\"" + text + "\"}");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.when().post("/api/v1/orders/" + orderId + "/usage-scenario").then();
    }

    private static void send(Envelope envelope) {
        kafka.send(Topics.AUTHORIZATIONS.name(), envelope);
    }

    private static List<ConsumerRecord<String, byte[]>> supplied(String orderId) {
        return kafka.readAll(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .filter(r -> orderId.equals(r.key()))
                .filter(r -> decode(r).event() instanceof UsageScenarioSuppliedV1).toList();
    }

    private static String requestedBy(String orderId) {
        return kafka.readAll(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .filter(r -> orderId.equals(r.key())).map(r -> decode(r).event())
                .filter(OrderRequested.class::isInstance).map(e -> ((OrderRequested) e).requestedBy())
                .findFirst().orElseThrow();
    }

    private static Envelope decode(ConsumerRecord<String, byte[]> record) {
        return EnvelopeCodec.decode(record.topic(), record.headers(), record.value());
    }

}
