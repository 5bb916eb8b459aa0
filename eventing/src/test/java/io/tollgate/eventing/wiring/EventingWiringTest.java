package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.GrantConditions;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.eventing.kafka.ProcessedEvents;
import io.tollgate.eventing.testkit.EndpointRoleMatrix;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestTokens;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The eventing plumbing inside a real Quarkus application, against a real broker and database:
 * command → event store → outbox → Kafka; Kafka → idempotent consumer → command; dead letters;
 * problem+json.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class EventingWiringTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProbe kafka;

    @Inject
    EventStore eventStore;
    @Inject
    ProcessedEvents processed;
    @Inject
    org.axonframework.commandhandling.gateway.CommandGateway commands;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void commandIsStoredAndPublishedOnceWithTheEventIdAsCloudEventsId() {
        // given
        String orderId = openOrder("bytedance");

        // when
        List<Envelope> published = await().atMost(WAIT).until(
                () -> published(orderId), list -> !list.isEmpty());

        // then
        assertThat(published).hasSize(1);
        Envelope envelope = published.get(0);
        String storedId = eventStore.readEvents(orderId).asStream().findFirst().orElseThrow().getIdentifier();
        assertThat(envelope.id()).isEqualTo(storedId);
        assertThat(envelope.source()).isEqualTo(Provenance.ORDER_SERVICE);
        assertThat(envelope.event()).isInstanceOf(OrderRequestedV1.class);
        assertThat(((OrderRequestedV1) envelope.event()).grossAmount().amount()).isEqualTo("63000.00");
    }

    @Test
    void eventCommittedAfterItsCommandEndedIsPublishedWithoutWaitingOutTheFetchDelay() {
        // given a transaction that stays open after its command's unit of work has ended (as a
        // consumer batch or a group commit does), and a fetch delay of 10 s in this test profile
        String orderId = UUID.randomUUID().toString();

        // when
        QuarkusTransaction.requiringNew().run(() -> {
            commands.sendAndWait(new ProbeOrder.OpenProbeOrderCommand(orderId, "late-commit"));
            holdTheTransactionOpen();
        });
        long committed = System.nanoTime();

        // then the relay was woken by the commit itself, far sooner than the fetch delay
        await().atMost(WAIT).until(() -> published(orderId), list -> !list.isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(Duration.ofSeconds(5));
    }

    /** Keeps the surrounding transaction open past the moment Axon's own wake-up would fire. */
    private static void holdTheTransactionOpen() {
        try {
            Thread.sleep(300); // simulates a slower transaction, not a wait for another thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        // given
        String orderId = openOrder("alibaba");
        Envelope grant = grantFor(orderId);

        // when
        kafka.send(Topics.AUTHORIZATIONS.name(), grant);
        kafka.send(Topics.AUTHORIZATIONS.name(), grant);
        // a marker with the same key lands after both copies on the same partition
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), orderId, "marker".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());

        // then: once the marker is dead-lettered, both copies of the grant have been consumed
        await().atMost(WAIT).until(() -> deadLetterFor(orderId), r -> r != null);
        assertThat(eventsOf(orderId)).isEqualTo(2);
    }

    @Test
    void eventForUnknownOrderIsDeadLetteredWithReasonAndConsumerGoesOn() {
        // given
        String unknown = UUID.randomUUID().toString();
        String known = openOrder("tencent");

        // when
        kafka.send(Topics.AUTHORIZATIONS.name(), grantFor(unknown));
        kafka.send(Topics.AUTHORIZATIONS.name(), grantFor(known));

        // then
        await().atMost(WAIT).until(() -> eventsOf(known) == 2);
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(
                () -> deadLetterFor(unknown), r -> r != null);
        assertThat(reason(dead)).startsWith("UNKNOWN_ORDER: no order " + unknown);
        assertThat(header(dead, Topics.DLT_ORIGIN_HEADER)).startsWith(Topics.AUTHORIZATIONS.name() + "/");
    }

    @Test
    void recordConsumerAppliesEveryGoodRecordOnceAroundOneItCannotApply() {
        // given 30 open orders, and their grants sent in a burst (so polls carry many of them), with
        // a grant for an unknown order in the middle and one grant sent twice
        List<String> orders = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(openOrder("batch-" + i));
        }
        String unknown = UUID.randomUUID().toString();
        Envelope repeated = grantFor(orders.get(7));

        // when
        for (int i = 0; i < orders.size(); i++) {
            if (i == 15) {
                kafka.send(Topics.AUTHORIZATIONS.name(), grantFor(unknown));
            }
            kafka.send(Topics.AUTHORIZATIONS.name(), i == 7 ? repeated : grantFor(orders.get(i)));
        }
        kafka.send(Topics.AUTHORIZATIONS.name(), repeated);

        // then every good grant is applied exactly once, and only the unknown one is dead-lettered
        await().atMost(WAIT).untilAsserted(() -> {
            for (String order : orders) {
                assertThat(eventsOf(order)).as(order).isEqualTo(2);
            }
        });
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(
                () -> deadLetterFor(unknown), r -> r != null);
        assertThat(reason(dead)).startsWith("UNKNOWN_ORDER: ");
        assertThat(orders).noneMatch(order -> deadLetterFor(order) != null);
        assertThat(processed.count(ProbeWiring.GROUP)).isGreaterThanOrEqualTo(31);
    }

    @Test
    void garbageRecordIsDeadLetteredAsContractViolation() {
        // given
        String key = "garbage-" + UUID.randomUUID();

        // when
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), key, "{not json".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());

        // then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> deadLetterFor(key), r -> r != null);
        assertThat(reason(dead)).startsWith("CONTRACT_VIOLATION: ");
    }

    @Test
    void badRequestsAnswerProblemJsonNamingTheField() {
        asTester().contentType("application/json").body("{\"customerId\":\"x\",\"price\":{\"amount\":\"1e5\","
                        + "\"currency\":\"USD\"},\"quantity\":1}")
                .when().post("/probe/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("price.amount")).body("code", equalTo("INVALID_FIELD"));
        asTester().contentType("application/json").body("{\"customerId\":")
                .when().post("/probe/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
        asTester().contentType("application/json").body("{\"customerId\":\"x\",\"quantity\":\"many\"}")
                .when().post("/probe/orders")
                .then().statusCode(400).body("field", equalTo("quantity"));
        asTester().contentType("application/json").body("{\"customerId\":\"x\",\"quantity\":0}")
                .when().post("/probe/orders")
                .then().statusCode(400).body("field", equalTo("quantity"));
        asTester().contentType("application/json").body("{\"customerId\":\"" + "x".repeat(70_000) + "\"}")
                .when().post("/probe/orders")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("BODY_TOO_LARGE"));
        asTester().when().post("/probe/orders/abc/fail")
                .then().statusCode(409).body("code", equalTo("PROBE_CONFLICT"));
        given().when().get("/no/such/path")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void healthIsReadyAndMetricsShowRelayAndAxon() {
        openOrder("metrics");
        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("tollgate-eventing"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().preemptive().basic(Roles.OPERATOR, TestUsers.password(Roles.OPERATOR)).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tollgate_outbox_published_total"))
                .body(containsString("tollgate_outbox_lag"))
                .body(containsString("commandBus")));
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointAdmitsExactlyTheRolesItDeclares() throws Exception {
        // given
        EndpointRoleMatrix matrix = EndpointRoleMatrix.forService(base)
                .allowDeadLetterOperations()
                .allowProblemCatalogue()
                .allow("POST /probe/orders", Roles.ERP)
                .allow("GET /probe/orders", Roles.ERP)
                .allow("POST /probe/orders/{orderId}/decision-notes", Roles.ERP)
                .allow("POST /probe/orders/{id}/fail", Roles.ERP, Roles.AUDITOR)
                .allow("POST /probe/orders/{id}/pool-exhausted", Roles.ERP)
                .allow("POST /probe/orders/{id}/not-null", Roles.ERP);
        long eventsBefore = totalEvents();

        // when
        matrix.assertEveryEndpointDeclared();
        List<String> violations = matrix.violations();

        // then: refusals stored nothing (the admitted calls sent an empty body: 400, nothing stored)
        assertThat(violations).isEmpty();
        assertThat(totalEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void missingOrWrongCredentialsAnswer401AndWrongRole403AsProblemJson() {
        String body = "{\"customerId\":\"x\",\"quantity\":1}";
        given().contentType("application/json").body(body).when().post("/probe/orders")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth().preemptive().basic(Roles.ERP, "wrong-password").contentType("application/json").body(body)
                .when().post("/probe/orders")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.not(containsString("wrong-password")));
        given().auth().preemptive().basic(Roles.TREASURY, TestUsers.password(Roles.TREASURY))
                .contentType("application/json").body(body).when().post("/probe/orders")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void validBearerTokenIsAdmittedAndItsIssuerAndSubjectRecordedOnTheEvent() {
        // given: a upn the issuer chose, which must not become the principal
        Map<String, Object> claims = TestTokens.claims("erp-system-7", List.of(Roles.ERP));
        claims.put("upn", "erp");
        String token = TestTokens.sign(claims);

        // when
        String orderId = given().auth().oauth2(token).contentType("application/json")
                .body("{\"customerId\":\"jwt\",\"quantity\":1}")
                .when().post("/probe/orders").then().statusCode(202).extract().path("orderId");

        // then
        DomainEventMessage<?> stored = eventStore.readEvents(orderId).asStream().findFirst().orElseThrow();
        assertThat(stored.getMetaData().get("principal")).isEqualTo(claims.get("iss") + "#erp-system-7");
    }

    @Test
    void basicUserIsRecordedAsPrincipalOnTheEvent() {
        String orderId = given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .contentType("application/json").body("{\"customerId\":\"basic\",\"quantity\":1}")
                .when().post("/probe/orders").then().statusCode(202).extract().path("orderId");
        assertThat(eventStore.readEvents(orderId).asStream().findFirst().orElseThrow()
                .getMetaData().get("principal")).isEqualTo(Roles.ERP);
    }

    @Test
    void expiredForeignOrTamperedTokensAndTokensWithoutGroupsAnswer401() throws Exception {
        long eventsBefore = totalEvents();
        Map<String, Object> expired = TestTokens.claims("erp-1", List.of(Roles.ERP));
        expired.put("iat", Instant.now().minusSeconds(7200).getEpochSecond());
        expired.put("exp", Instant.now().minusSeconds(3600).getEpochSecond());
        Map<String, Object> wrongIssuer = TestTokens.claims("erp-1", List.of(Roles.ERP));
        wrongIssuer.put("iss", "https://evil.example");
        Map<String, Object> wrongAudience = TestTokens.claims("erp-1", List.of(Roles.ERP));
        wrongAudience.put("aud", "someone-else");
        Map<String, Object> noGroups = TestTokens.claims("erp-1", List.of(Roles.ERP));
        noGroups.remove("groups");
        String valid = TestTokens.sign(TestTokens.claims("erp-1", List.of(Roles.ERP)));
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"erp\"", "\"auditor\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        for (String token : List.of(TestTokens.sign(expired), TestTokens.sign(wrongIssuer),
                TestTokens.sign(wrongAudience), tampered, TestTokens.sign(noGroups))) {
            given().auth().oauth2(token).contentType("application/json")
                    .body("{\"customerId\":\"x\",\"quantity\":1}").when().post("/probe/orders")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(totalEvents()).isEqualTo(eventsBefore);
    }

    @Inject
    io.tollgate.eventing.db.Databases databases;

    private long totalEvents() throws java.sql.SQLException {
        try (var c = databases.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static RequestSpecification asTester() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }

    private String openOrder(String customer) {
        return asTester().contentType("application/json")
                .body("{\"customerId\":\"" + customer + "\",\"price\":{\"amount\":\"1.00\",\"currency\":\"USD\"},"
                        + "\"quantity\":1}")
                .when().post("/probe/orders")
                .then().statusCode(202).extract().path("orderId");
    }

    private static Envelope grantFor(String orderId) {
        TrackDecision us = new TrackDecision(TrackDecision.US_EXPORT, TrackDecision.APPROVED, "BIS-1", null, null);
        TrackDecision cn = new TrackDecision(TrackDecision.CN_IMPORT, TrackDecision.APPROVED, "MOFCOM-1", null, null);
        AuthorizationGrantedV1 grant = new AuthorizationGrantedV1(orderId, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), us, cn, GrantConditions.defaults(), "1", "policy", Instant.now());
        return Envelope.of(UUID.randomUUID().toString(), Provenance.REGULATOR_SERVICE, grant);
    }

    private List<Envelope> published(String orderId) {
        return kafka.readEnvelopes(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .filter(e -> e.subject().equals(orderId)).toList();
    }

    private long eventsOf(String orderId) {
        return eventStore.readEvents(orderId).asStream().count();
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(String key) {
        return kafka.readAll(Topics.deadLetterFor(ProbeWiring.GROUP).name(), Duration.ofSeconds(5)).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElse(null);
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        return header(record, Topics.DLT_REASON_HEADER);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
