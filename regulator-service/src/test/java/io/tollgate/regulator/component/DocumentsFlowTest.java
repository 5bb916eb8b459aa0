package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.kafka.OrderEventsConsumer;
import io.tollgate.regulator.testdata.Mother;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Required documents through the running service: an order waits for them (published), they are
 * supplied over the API (bad ones refused naming the field, nothing stored) or by the ERP through
 * order-service (a record on the orders topic), and the application is then decided and the grant
 * published.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class DocumentsFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT = Topics.deadLetterFor(OrderEventsConsumer.GROUP).name();
    private static KafkaProbe kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    /** The grant must also fit within the US-volume cap: report ample H200 shipments. */
    @BeforeEach
    void usShipmentsReported() {
        UsShipments.ample("H200");
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void anOrderWaitsForItsDocumentsThenTheSuppliedOnesLeadToAPublishedGrant() {
        // given: a designated customer's licensable order, no document yet
        String customer = designate();
        Envelope request = request(customer);
        String orderId = request.subject();
        kafka.send(Topics.ORDERS.name(), request);
        awaitStatus(orderId, "AWAITING_DOCUMENTS");
        AuthorizationPendingV1 asked = await().atMost(WAIT).until(() -> pendings(orderId), l -> !l.isEmpty()).get(0);
        assertThat(asked.waitingFor()).isEqualTo(AuthorizationPendingV1.DOCUMENTS);
        assertThat(asked.code()).isEqualTo("DOCUMENT_MISSING");
        assertThat(asked.requirement().lines().findFirst().orElseThrow())
                .contains("BUYER_KYC_ATTESTATION missing", "LAB_TEST_REPORT missing");
        as(Roles.AUDITOR).when().get("/api/v1/applications?status=AWAITING_DOCUMENTS&limit=500").then()
                .statusCode(200).body("items.findAll { it.orderId == '" + orderId + "' }", hasSize(1));

        // when: the attestation, then the lab's report
        DocumentCalls.supply(orderId, DocumentCalls.kycAttestation()).statusCode(200)
                .body("status", equalTo("AWAITING_DOCUMENTS"))
                .body("documents.supplied", hasSize(1))
                .body("documents.missing.kind", equalTo(List.of("LAB_TEST_REPORT")));
        DocumentCalls.supply(orderId, DocumentCalls.kycAttestation()).statusCode(200)
                .body("documents.supplied", hasSize(1)); // the same one again records nothing
        DocumentCalls.supply(orderId, DocumentCalls.labTestReport()).statusCode(200)
                .body("status", equalTo("GRANTED"));

        // then
        List<AuthorizationPendingV1> waits = await().atMost(WAIT).until(() -> pendings(orderId), l -> l.size() == 2);
        assertThat(waits.get(1).requirement().lines().findFirst().orElseThrow())
                .contains("LAB_TEST_REPORT missing").doesNotContain("BUYER_KYC_ATTESTATION");
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) await().atMost(WAIT)
                .until(() -> decisions(orderId), l -> !l.isEmpty()).get(0).event();
        assertThat(grant.policyVersion()).isEqualTo("2026-01-15.1");
        assertThat(grant.policyClause()).isEqualTo("case-by-case-h200-class");
        JsonPath app = as(Roles.AUDITOR).when().get("/api/v1/applications/" + orderId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(app.getList("history.event")).containsExactly("RECEIVED", "DOCUMENTS_REQUESTED",
                "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "GRANTED");
        assertThat(app.getList("documents.supplied.kind")).containsExactly("BUYER_KYC_ATTESTATION",
                "LAB_TEST_REPORT");
        assertThat(app.getList("documents.supplied.suppliedBy")).containsOnly(Roles.COMPLIANCE);
        assertThat(app.getList("documents.missing")).isEmpty();
        DocumentCalls.supply(orderId, DocumentCalls.body("LAB_TEST_REPORT", DocumentCalls.today(),
                DocumentCalls.today().plusDays(5), "LAB-LATE")).statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("APPLICATION_NOT_OPEN"));
    }

    @Test
    void badDocumentsAreRefusedNamingTheFieldAndStoreNothing() {
        // given
        Envelope request = request(designate());
        String orderId = request.subject();
        kafka.send(Topics.ORDERS.name(), request);
        awaitStatus(orderId, "AWAITING_DOCUMENTS");
        LocalDate today = DocumentCalls.today();
        String good = DocumentCalls.kycAttestation();

        // when / then
        refused(orderId, good.replace("BUYER_KYC_ATTESTATION", "PASSPORT"), 422, "DOCUMENT_KIND_UNKNOWN", "kind");
        refused(orderId, DocumentCalls.body("LAB_TEST_REPORT", today.plusDays(1), today.plusDays(30), "L-1"), 422,
                "DOCUMENT_DATES_INVALID", "issuedOn");
        refused(orderId, DocumentCalls.body("LAB_TEST_REPORT", today.minusDays(3), today.minusDays(4), "L-2"), 422,
                "DOCUMENT_DATES_INVALID", "expiresOn");
        refused(orderId, DocumentCalls.body("LAB_TEST_REPORT", today.minusDays(30), today.minusDays(1), "L-3"), 422,
                "DOCUMENT_EXPIRED", "expiresOn");
        refused(orderId, DocumentCalls.body("LAB_TEST_REPORT", today.minusDays(1), today.plusDays(3661), "L-4"), 422,
                "LIMIT_EXCEEDED", "expiresOn");
        refused(orderId, good.replaceAll("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"not-a-digest\""), 422,
                "INVALID_FIELD", "sha256");
        refused(orderId, good.replaceAll("\"issuer\":\"[^\"]+\"", "\"issuer\":\"" + "x".repeat(201) + "\""), 422,
                "LIMIT_EXCEEDED", "issuer");
        refused(orderId, good.replaceAll("\"reference\":\"[^\"]+\"", "\"reference\":\" \""), 422,
                "INVALID_FIELD", "reference");
        DocumentCalls.supply("order-" + UUID.randomUUID(), good).statusCode(404);
        JsonPath app = as(Roles.AUDITOR).when().get("/api/v1/applications/" + orderId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(app.getString("status")).isEqualTo("AWAITING_DOCUMENTS");
        assertThat(app.getList("documents.supplied")).isEmpty();
        assertThat(app.getList("documents.missing.kind")).containsExactly("BUYER_KYC_ATTESTATION",
                "LAB_TEST_REPORT");
    }

    @Test
    void documentsTheErpSuppliesThroughOrderServiceAreRecordedAsItsAndLeadToAGrant() {
        // given: a licensable order waiting for both documents
        Envelope request = request(designate());
        String orderId = request.subject();
        kafka.send(Topics.ORDERS.name(), request);
        awaitStatus(orderId, "AWAITING_DOCUMENTS");
        LocalDate today = DocumentCalls.today();

        // when: order-service publishes the two documents the ERP supplied
        kafka.send(Topics.ORDERS.name(), supplied(orderId, DocumentKind.BUYER_KYC_ATTESTATION,
                today.minusDays(10), today.plusDays(355), "KYC-ERP-1"));
        kafka.send(Topics.ORDERS.name(), supplied(orderId, DocumentKind.LAB_TEST_REPORT,
                today.minusDays(1), today.plusDays(60), "LAB-ERP-1"));

        // then: recorded with the ERP's principal, and the application went on to its grant
        awaitStatus(orderId, "GRANTED");
        JsonPath app = as(Roles.AUDITOR).when().get("/api/v1/applications/" + orderId).then().statusCode(200)
                .extract().jsonPath();
        assertThat(app.getList("documents.supplied.kind")).containsExactly("BUYER_KYC_ATTESTATION",
                "LAB_TEST_REPORT");
        assertThat(app.getList("documents.supplied.suppliedBy")).containsOnly("erp:sap-prod");
        assertThat(app.getList("documents.supplied.sha256")).allMatch(h -> ((String) h).matches("[0-9a-f]{64}"));
        assertThat(app.getList("history.event")).containsExactly("RECEIVED", "DOCUMENTS_REQUESTED",
                "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "DOCUMENTS_REQUESTED", "DOCUMENT_SUPPLIED", "GRANTED");
        assertThat(await().atMost(WAIT).until(() -> decisions(orderId), l -> !l.isEmpty()).get(0).event())
                .isInstanceOf(AuthorizationGrantedV1.class);
    }

    @Test
    void aDocumentAfterTheDecisionIsPassedOverAndOneForAnUnknownOrderIsDeadLettered() {
        // given: a granted application, and an order the regulator never saw
        Envelope request = request(designate());
        String decided = request.subject();
        kafka.send(Topics.ORDERS.name(), request);
        DocumentCalls.supplyBothWhenAsked(decided);
        awaitStatus(decided, "GRANTED");
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) await().atMost(WAIT)
                .until(() -> decisions(decided), l -> !l.isEmpty()).get(0).event();
        String unknown = "order-" + UUID.randomUUID();
        LocalDate today = DocumentCalls.today();

        // when a document arrives after the decision (then the order is cancelled), and one for
        // the unknown order
        Envelope late = supplied(decided, DocumentKind.LAB_TEST_REPORT, today, today.plusDays(5), "LAB-LATE");
        kafka.send(Topics.ORDERS.name(), late);
        kafka.send(Topics.ORDERS.name(), Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE,
                new OrderCancelledV1(decided, "AUTHORIZED", grant.authorizationId(), "customer withdrew",
                        Instant.now(), "erp:sap-prod")));
        kafka.send(Topics.ORDERS.name(), supplied(unknown, DocumentKind.LAB_TEST_REPORT, today, today.plusDays(5),
                "LAB-NOWHERE"));

        // then the late one is passed over, recording nothing and holding nothing: the cancellation
        // behind it gives the grant's units back
        await().atMost(WAIT).until(() -> as(Roles.AUDITOR).when().get("/api/v1/applications/" + decided)
                .then().extract().jsonPath().getBoolean("unitsReturned"));
        assertThat(as(Roles.AUDITOR).when().get("/api/v1/applications/" + decided).then().extract().jsonPath()
                .getList("documents.supplied")).hasSize(2);
        assertThat(deadLetterReason(unknown)).startsWith("UNKNOWN_ORDER");
        assertThat(kafka.readAll(DLT, Duration.ofSeconds(10)).stream().filter(r -> decided.equals(r.key())))
                .isEmpty();
        // and the ERP is told which document was passed over, and why
        SupplyPassedOverV1 passedOver = (SupplyPassedOverV1) await().atMost(WAIT).until(() -> published(decided)
                .stream().map(Envelope::event).filter(SupplyPassedOverV1.class::isInstance).toList(),
                l -> !l.isEmpty()).get(0);
        assertThat(passedOver.supply()).isEqualTo(SupplyPassedOverV1.DOCUMENT);
        assertThat(passedOver.supplyEventId()).isEqualTo(late.id());
        assertThat(passedOver.documentKind()).isEqualTo(DocumentKind.LAB_TEST_REPORT);
        assertThat(passedOver.applicationState()).isEqualTo("GRANTED");
        assertThat(decisions(decided)).hasSize(1);
        assertThat(published(unknown)).isEmpty();
    }

    private static Envelope supplied(String orderId, DocumentKind kind, LocalDate issuedOn, LocalDate expiresOn,
                                     String reference) {
        String sha256 = "ab".repeat(32);
        return Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE, new DocumentSuppliedV1(orderId,
                kind, "Issuer of " + reference, issuedOn, expiresOn, reference, sha256, "erp:sap-prod",
                Instant.now()));
    }

    private static String deadLetterReason(String key) {
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> kafka.readAll(DLT,
                Duration.ofSeconds(10)).stream().filter(r -> key.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        var header = dead.headers().lastHeader(Topics.DLT_REASON_HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void refused(String orderId, String body, int status, String code, String field) {
        DocumentCalls.supply(orderId, body).statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code)).body("field", equalTo(field));
    }

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().preemptive().basic(role, TestUsers.password(role));
    }

    private static String designate() {
        String customer = "cust-" + UUID.randomUUID().toString().substring(0, 8);
        RuleChangeCalls.designate(customer, "{\"name\":\"Example AI Lab\",\"country\":\"CN\"}").statusCode(200)
                .body("status", equalTo("APPROVED"));
        return customer;
    }

    private static Envelope request(String customer) {
        String orderId = "order-" + UUID.randomUUID();
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV1 order = new OrderRequestedV1(orderId, customer, "Example AI Lab", "H200-SXM-141GB",
                "hopper", 10, unit, unit.times(10), Mother.GOOD_SCENARIO, "PO-1", Instant.now(), "erp");
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(as(Roles.AUDITOR).when()
                .get("/api/v1/applications/" + orderId).then().extract().path("status")));
    }

    private static List<AuthorizationPendingV1> pendings(String orderId) {
        return published(orderId).stream().map(Envelope::event).filter(AuthorizationPendingV1.class::isInstance)
                .map(AuthorizationPendingV1.class::cast).collect(Collectors.toList());
    }

    /** The grants and denials published for the order (not its waits, nor passed-over supplies). */
    private static List<Envelope> decisions(String orderId) {
        return published(orderId).stream()
                .filter(e -> e.event() instanceof AuthorizationGrantedV1 || e.event() instanceof AuthorizationDeniedV1)
                .collect(Collectors.toList());
    }

    private static List<Envelope> published(String orderId) {
        return kafka.readEnvelopes(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.subject().equals(orderId)).collect(Collectors.toList());
    }
}
