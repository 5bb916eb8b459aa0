package io.tollgate.order.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.EndpointRoleMatrix;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call what: every endpoint admits exactly the roles the README states, refuses everyone else
 * with 401/403 as problem+json without storing anything, and the events name the caller.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OrderAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ORDERS = "/api/v1/orders";
    private static final String[] READERS = {Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR};
    private static final String PAYMENT = "{\"amount\":{\"amount\":\"100.00\",\"currency\":\"USD\"},"
            + "\"treasuryReference\":\"UST-ACCESS-1\"}";
    private static KafkaProbe kafka;

    @TestHTTPResource("/")
    URI base;
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
    void everyEndpointAdmitsExactlyTheRolesItDeclares() throws Exception {
        // given: the README's role table for order-service
        EndpointRoleMatrix matrix = EndpointRoleMatrix.forService(base)
                .allowDeadLetterOperations()
                .allowProblemCatalogue()
                .allow("POST " + ORDERS, Roles.ERP)
                .allow("GET " + ORDERS, READERS)
                .allow("GET " + ORDERS + "/{orderId}", READERS)
                .allow("POST " + ORDERS + "/{orderId}/cancellation", Roles.ERP)
                .allow("POST " + ORDERS + "/{orderId}/usage-scenario", Roles.ERP)
                .allow("POST " + ORDERS + "/{orderId}/documents", Roles.ERP)
                .allow("POST " + ORDERS + "/{orderId}/revenue-share-payments", Roles.TREASURY)
                .allow("GET /api/v1/order-changes", READERS)
                .allow("GET /api/v1/order-changes/stream", READERS)
                .allow("POST /api/v1/order-batches", Roles.ERP)
                .allow("GET /api/v1/order-batches/{batchId}", READERS)
                .allow("GET /api/v1/order-batches/{batchId}/lines", READERS)
                .allow("POST /api/v1/webhooks", Roles.ERP)
                .allow("GET /api/v1/webhooks", Roles.ERP, Roles.OPERATOR)
                .allow("GET /api/v1/webhooks/{webhookId}", Roles.ERP, Roles.OPERATOR)
                .allow("DELETE /api/v1/webhooks/{webhookId}", Roles.ERP)
                .allow("POST /api/v1/webhooks/{webhookId}/resume", Roles.ERP)
                .allow("POST /api/v1/webhooks/{webhookId}/rotate-secret", Roles.ERP);
        Map<String, Long> before = Stored.rowCounts(databases);

        // when
        matrix.assertEveryEndpointDeclared();
        List<String> violations = matrix.violations();

        // then: refusals stored nothing, and neither did the admitted calls (empty bodies, absent ids)
        assertThat(violations).isEmpty();
        assertThat(Stored.rowCounts(databases)).isEqualTo(before);
    }

    @Test
    void refusedWritesWithValidBodiesChangeNothing() {
        // given: an order that could be cancelled and paid, if the caller were allowed to
        String orderId = OrderApi.requestOrder("access-refused-" + UUID.randomUUID());
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        Map<String, Long> before = Stored.rowCounts(databases);

        // when / then: nobody, a wrong password, and every role the endpoint does not admit
        List<Supplier<RequestSpecification>> unauthenticated = List.of(RestAssured::given,
                () -> wrongPassword(Roles.ERP));
        for (Supplier<RequestSpecification> caller : unauthenticated) {
            refused(create(caller.get()), 401);
            refused(cancel(caller.get(), orderId), 401);
            refused(pay(caller.get(), orderId), 401);
            refused(caller.get().when().get(ORDERS + "/" + orderId).then().extract(), 401);
            refused(caller.get().when().get(ORDERS).then().extract(), 401);
        }
        for (String role : List.of(Roles.ORDER_DESK, Roles.TREASURY, Roles.COMPLIANCE, Roles.AUDITOR,
                Roles.OPERATOR)) {
            refused(create(OrderApi.as(role)), 403);
            refused(cancel(OrderApi.as(role), orderId), 403);
        }
        for (String role : List.of(Roles.ERP, Roles.ORDER_DESK, Roles.COMPLIANCE, Roles.AUDITOR, Roles.OPERATOR)) {
            refused(pay(OrderApi.as(role), orderId), 403);
        }
        for (String role : List.of(Roles.COMPLIANCE, Roles.OPERATOR)) {
            refused(OrderApi.as(role).when().get(ORDERS + "/" + orderId).then().extract(), 403);
            refused(OrderApi.as(role).when().get(ORDERS).then().extract(), 403);
        }

        // then: not a row more anywhere, and the order is as it was
        assertThat(Stored.rowCounts(databases)).isEqualTo(before);
        OrderApi.get(orderId).statusCode(200).body("status", equalTo("AUTHORIZED"))
                .body("revenueSharePaid.amount", equalTo("0.00"));
    }

    @Test
    void eachRoleDoesWhatItMayAndTheEventsNameIt() {
        // when: erp requests and treasury pays; auditor and treasury read
        String customer = "access-erp-" + UUID.randomUUID();
        String orderId = OrderApi.post(OrderApi.as(Roles.ERP), UUID.randomUUID().toString(),
                OrderApi.body(customer)).statusCode(202).extract().path("orderId");
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        assertThat(pay(OrderApi.as(Roles.TREASURY), orderId).statusCode()).isEqualTo(202);

        // then: the wire event names erp as requester
        OrderRequestedV2 requested = await().atMost(WAIT).until(() -> requestedOnTheTopic(orderId),
                list -> !list.isEmpty()).get(0);
        assertThat(requested.requestedBy()).isEqualTo(Roles.ERP);
        assertThat(requested.customerId()).isEqualTo(customer);
        // and: the history shows who did each step; readers other than erp see it too
        for (String reader : List.of(Roles.AUDITOR, Roles.TREASURY)) {
            OrderApi.as(reader).when().get(ORDERS + "/" + orderId).then().statusCode(200)
                    .body("history.principal", equalTo(List.of(Roles.ERP, "system:order-service",
                            Roles.TREASURY)));
        }
    }

    @Test
    void anOrderNamingDestinationAndPartiesIsPublishedAsV2WithThem() {
        // given
        String customer = "parties-" + UUID.randomUUID();
        String body = OrderApi.body(customer).replaceFirst("}$", ",\"destination\":\"MY\","
                + "\"transactionKind\":\"REEXPORT\",\"buyerHeadquarters\":\"MY\","
                + "\"ultimateParentHeadquarters\":\"CN\"}");

        // when
        String orderId = OrderApi.post(OrderApi.as(Roles.ERP), UUID.randomUUID().toString(), body).statusCode(202)
                .extract().path("orderId");
        String plain = OrderApi.post(OrderApi.as(Roles.ERP), UUID.randomUUID().toString(),
                OrderApi.body(customer)).statusCode(202).extract().path("orderId");

        // then
        OrderRequestedV2 requested = await().atMost(WAIT).until(() -> requestedOnTheTopic(orderId),
                list -> !list.isEmpty()).get(0);
        assertThat(requested.destination()).isEqualTo("MY");
        assertThat(requested.transactionKind()).isEqualTo(TransactionKind.REEXPORT);
        assertThat(requested.buyerHeadquarters()).isEqualTo("MY");
        assertThat(requested.ultimateParentHeadquarters()).isEqualTo("CN");
        OrderRequestedV2 defaults = await().atMost(WAIT).until(() -> requestedOnTheTopic(plain),
                list -> !list.isEmpty()).get(0);
        assertThat(defaults.destination()).isEqualTo("CN");
        assertThat(defaults.transactionKind()).isEqualTo(TransactionKind.EXPORT);
        assertThat(defaults.buyerHeadquarters()).isNull();
    }

    @Test
    void a401NamesNoPasswordNorCredential() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String othersPassword = TestUsers.password(Roles.TREASURY);
        List<String[]> credentials = List.of(new String[] {Roles.ERP, secret},
                new String[] {Roles.ERP, othersPassword}, new String[] {"nobody-" + secret, secret});
        for (String[] credential : credentials) {
            String header = Base64.getEncoder().encodeToString((credential[0] + ":" + credential[1])
                    .getBytes(StandardCharsets.UTF_8));
            ExtractableResponse<Response> response = create(
                    given().auth().preemptive().basic(credential[0], credential[1]));
            refused(response, 401);
            assertThat(response.header("WWW-Authenticate")).contains("Basic").contains("Bearer");
            assertThat(response.asString()).doesNotContain(credential[1]).doesNotContain(header)
                    .doesNotContain("nobody-");
        }
    }

    private static void refused(ExtractableResponse<Response> response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.<String>path("code")).isEqualTo(status == 401 ? "UNAUTHENTICATED" : "FORBIDDEN");
    }

    private static RequestSpecification wrongPassword(String user) {
        return given().auth().preemptive().basic(user, "not-" + TestUsers.password(user));
    }

    private static ExtractableResponse<Response> create(RequestSpecification caller) {
        return caller.contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(OrderApi.body("access-refused")).when().post(ORDERS).then().extract();
    }

    private static ExtractableResponse<Response> cancel(RequestSpecification caller, String orderId) {
        return caller.when().post(ORDERS + "/" + orderId + "/cancellation").then().extract();
    }

    private static ExtractableResponse<Response> pay(RequestSpecification caller, String orderId) {
        return caller.contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(PAYMENT).when().post(ORDERS + "/" + orderId + "/revenue-share-payments").then().extract();
    }

    private static List<OrderRequestedV2> requestedOnTheTopic(String orderId) {
        return kafka.readEnvelopes(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .map(Envelope::event).filter(OrderRequestedV2.class::isInstance).map(OrderRequestedV2.class::cast)
                .filter(e -> e.orderId().equals(orderId)).toList();
    }
}
