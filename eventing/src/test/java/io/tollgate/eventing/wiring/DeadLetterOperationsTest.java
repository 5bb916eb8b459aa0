package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order whose event was dead-lettered holds its later events (parked, visible, not applied)
 * until an operator retries or discards the dead letter; then they are applied in their order.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class DeadLetterOperationsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.AUTHORIZATIONS.name();
    private static final String DEAD_LETTERS = "/api/v1/dead-letters";
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
    void laterEventsOfARefusedOrderWaitAndFollowItInOrderOnceRetried() throws Exception {
        // given: an order's first grant breaks a rule until it is fixed, two more grants follow
        String order = UUID.randomUUID().toString();
        String fixable = "fixable-" + UUID.randomUUID();
        kafka.send(TOPIC, Probes.grant(order, fixable));
        kafka.send(TOPIC, Probes.grant(order, "second"));
        kafka.send(TOPIC, Probes.grant(order, "third"));
        JsonPath dead = await().atMost(WAIT).until(() -> deadLetterOf(order),
                d -> d != null && d.getInt("parked") == 2);
        assertThat(dead.getString("code")).isEqualTo("PROBE_REJECTED");
        assertThat(dead.getString("status")).isEqualTo("OPEN");
        assertThat(dead.getString("consumerGroup")).isEqualTo(ProbeBatchConsumer.GROUP);
        assertThat(dead.getString("topic")).isEqualTo(TOPIC);
        assertThat(Probes.applied(databases, order)).isEmpty();

        // when: the rule is fixed and an operator retries
        ProbeBatchConsumer.FIXED.add(fixable);
        asOperator().contentType("application/json").body(Map.of("reason", "rule fixed"))
                .when().post(DEAD_LETTERS + "/" + dead.getLong("id") + "/retry")
                .then().statusCode(202).body("status", equalTo("RETRY_REQUESTED"));

        // then
        await().atMost(WAIT).until(() -> Probes.applied(databases, order).size() == 3);
        assertThat(Probes.applied(databases, order)).containsExactly(fixable, "second", "third");
        JsonPath after = deadLetterOf(order);
        assertThat(after.getString("status")).isEqualTo("RETRIED");
        assertThat(after.getInt("parked")).isZero();
        assertThat(after.getList("actions.action")).containsExactly("DEAD_LETTERED", "RETRY_REQUESTED", "RETRIED");
        assertThat(after.getList("actions.principal")).containsExactly("consumer", Roles.OPERATOR, "consumer");
        assertThat(after.getString("actions[1].reason")).isEqualTo("rule fixed");
    }

    @Test
    void discardedDeadLetterReleasesItsParkedEventsAndIsNeverApplied() throws Exception {
        // given
        String order = UUID.randomUUID().toString();
        kafka.send(TOPIC, Probes.grant(order, "reject-" + UUID.randomUUID()));
        kafka.send(TOPIC, Probes.grant(order, "after-reject"));
        JsonPath dead = await().atMost(WAIT).until(() -> deadLetterOf(order),
                d -> d != null && d.getInt("parked") == 1);

        // when
        asOperator().contentType("application/json").body(Map.of("reason", "duplicate sent by mistake"))
                .when().post(DEAD_LETTERS + "/" + dead.getLong("id") + "/discard")
                .then().statusCode(202);

        // then
        await().atMost(WAIT).until(() -> Probes.applied(databases, order).size() == 1);
        assertThat(Probes.applied(databases, order)).containsExactly("after-reject");
        await().atMost(WAIT).until(() -> "DISCARDED".equals(deadLetterOf(order).getString("status")));
        assertThat(deadLetterOf(order).getString("actions[1].reason")).isEqualTo("duplicate sent by mistake");
    }

    @Test
    void retryThatIsRefusedAgainLeavesTheDeadLetterOpenWithItsParkedEvents() throws Exception {
        // given
        String order = UUID.randomUUID().toString();
        kafka.send(TOPIC, Probes.grant(order, "reject-" + UUID.randomUUID()));
        kafka.send(TOPIC, Probes.grant(order, "waits"));
        JsonPath dead = await().atMost(WAIT).until(() -> deadLetterOf(order),
                d -> d != null && d.getInt("parked") == 1);

        // when
        asOperator().contentType("application/json").body(Map.of())
                .when().post(DEAD_LETTERS + "/" + dead.getLong("id") + "/retry").then().statusCode(202);

        // then
        await().atMost(WAIT).until(() -> deadLetterOf(order).getList("actions.action").contains("RETRY_FAILED"));
        JsonPath after = deadLetterOf(order);
        assertThat(after.getString("status")).isEqualTo("OPEN");
        assertThat(after.getInt("parked")).isEqualTo(1);
        assertThat(Probes.applied(databases, order)).isEmpty();
    }

    @Test
    void recordConsumerParksTooAndAParkedEventRefusedOnReleaseBecomesItsOwnDeadLetter() {
        // given: two grants for an order the record consumer does not know
        String order = UUID.randomUUID().toString();
        kafka.send(TOPIC, Probes.grant(order, "first"));
        kafka.send(TOPIC, Probes.grant(order, "second"));
        JsonPath dead = await().atMost(WAIT).until(() -> deadLettersOf(ProbeWiring.GROUP, order).stream()
                .findFirst().orElse(null), d -> d != null && d.getInt("parked") == 1);
        assertThat(dead.getString("code")).isEqualTo("UNKNOWN_ORDER");

        // when: the first is discarded, so the second is released and refused in turn
        asOperator().contentType("application/json").body(Map.of("reason", "order never existed"))
                .when().post(DEAD_LETTERS + "/" + dead.getLong("id") + "/discard").then().statusCode(202);

        // then
        List<JsonPath> both = await().atMost(WAIT).until(() -> deadLettersOf(ProbeWiring.GROUP, order),
                list -> list.size() == 2 && "DISCARDED".equals(list.get(0).getString("status")));
        assertThat(both.get(1).getString("status")).isEqualTo("OPEN");
        assertThat(both.get(1).getString("code")).isEqualTo("UNKNOWN_ORDER");
        assertThat(both.get(1).getInt("parked")).isZero();
        assertThat(both.get(1).getLong("offset")).isGreaterThan(both.get(0).getLong("offset"));
    }

    @Test
    void badRequestsAnswerProblemJsonAndChangeNothing() {
        String order = UUID.randomUUID().toString();
        kafka.send(TOPIC, Probes.grant(order, "reject-" + UUID.randomUUID()));
        JsonPath dead = await().atMost(WAIT).until(() -> deadLetterOf(order), d -> d != null);
        long id = dead.getLong("id");

        asOperator().contentType("application/json").body(Map.of())
                .when().post(DEAD_LETTERS + "/" + id + "/discard")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("reason"));
        asOperator().contentType("application/json").body(Map.of("reason", "x".repeat(1001)))
                .when().post(DEAD_LETTERS + "/" + id + "/discard")
                .then().statusCode(400).body("field", equalTo("reason"));
        asOperator().when().get(DEAD_LETTERS + "?limit=0")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("limit"));
        asOperator().when().get(DEAD_LETTERS + "?limit=201").then().statusCode(400).body("field", equalTo("limit"));
        asOperator().when().get(DEAD_LETTERS + "?status=LOST").then().statusCode(400).body("field", equalTo("status"));
        asOperator().when().get(DEAD_LETTERS + "/abc").then().statusCode(400).body("field", equalTo("id"));
        asOperator().when().get(DEAD_LETTERS + "/999999999").then().statusCode(404)
                .contentType("application/problem+json");
        asOperator().contentType("application/json").body(Map.of("reason", "r"))
                .when().post(DEAD_LETTERS + "/999999999/retry").then().statusCode(404);
        given().auth().preemptive().basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR))
                .contentType("application/json").body(Map.of("reason", "r"))
                .when().post(DEAD_LETTERS + "/" + id + "/discard").then().statusCode(403);

        JsonPath unchanged = deadLetterOf(order);
        assertThat(unchanged.getString("status")).isEqualTo("OPEN");
        assertThat(unchanged.getList("actions.action")).containsExactly("DEAD_LETTERED");

        // a second request on a dead letter no longer open is refused with 409
        asOperator().contentType("application/json").body(Map.of("reason", "drop it"))
                .when().post(DEAD_LETTERS + "/" + id + "/discard").then().statusCode(202);
        asOperator().contentType("application/json").body(Map.of("reason", "again"))
                .when().post(DEAD_LETTERS + "/" + id + "/discard")
                .then().statusCode(409).body("code", equalTo("DEAD_LETTER_NOT_OPEN"));
    }

    @Test
    void listingPagesWithABoundedLimit() {
        // given: three dead letters
        for (int i = 0; i < 3; i++) {
            kafka.send(TOPIC, Probes.grant(UUID.randomUUID().toString(), "reject-" + UUID.randomUUID()));
        }
        await().atMost(WAIT).until(() -> page("limit=200").getList("items").size() >= 3);

        // when
        JsonPath first = page("limit=2&consumerGroup=" + ProbeBatchConsumer.GROUP);
        JsonPath second = page("limit=2&consumerGroup=" + ProbeBatchConsumer.GROUP + "&afterId="
                + first.getLong("nextAfterId"));

        JsonPath byCursor = page("limit=2&consumerGroup=" + ProbeBatchConsumer.GROUP + "&cursor="
                + first.getString("nextCursor"));

        // then: the shared cursor and the older afterId reach the same page
        assertThat(first.getList("items")).hasSize(2);
        assertThat(second.getList("items.id", Long.class)).allMatch(id -> id > first.getLong("nextAfterId"));
        assertThat(byCursor.getList("items.id", Long.class)).isEqualTo(second.getList("items.id", Long.class));
        asOperator().when().get(DEAD_LETTERS + "?afterId=1&cursor=" + first.getString("nextCursor")).then()
                .statusCode(400).body("field", org.hamcrest.Matchers.equalTo("cursor"));
    }

    private static JsonPath page(String query) {
        return asOperator().when().get(DEAD_LETTERS + "?" + query).then().statusCode(200).extract().jsonPath();
    }

    /** The batch group's dead letter for an order, from the API (null while there is none). */
    private static JsonPath deadLetterOf(String order) {
        return deadLettersOf(ProbeBatchConsumer.GROUP, order).stream().findFirst().orElse(null);
    }

    /** A group's dead letters for an order, oldest first, from the API. */
    private static List<JsonPath> deadLettersOf(String group, String order) {
        List<JsonPath> found = new java.util.ArrayList<>();
        String after = "0";
        for (int page = 0; page < 100; page++) {
            JsonPath json = page("limit=200&consumerGroup=" + group + "&afterId=" + after);
            List<Map<String, Object>> items = json.getList("items");
            for (int i = 0; i < items.size(); i++) {
                if (order.equals(items.get(i).get("orderId"))) {
                    found.add(new JsonPath(json.prettify()).setRootPath("items[" + i + "]"));
                }
            }
            if (json.get("nextAfterId") == null) {
                return found;
            }
            after = json.getString("nextAfterId");
        }
        return found;
    }

    private static RequestSpecification asOperator() {
        return given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR));
    }

}
