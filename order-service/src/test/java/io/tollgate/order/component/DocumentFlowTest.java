package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.OrderRequested;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.TrackDecision;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.kafka.AuthorizationConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ERP supplies the documents the regulator's policy requires through order-service: bad ones are
 * refused at the edge with the regulator's codes naming the field, a good one is published (signed)
 * on tollgate.orders.v1 as DocumentSuppliedV1, a retry passes nothing twice, and a decided order takes
 * no document.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class DocumentFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT = Topics.deadLetterFor(AuthorizationConsumer.GROUP).name();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static KafkaProbe kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void theErpSuppliesADocumentTheRegulatorWaitsForAndItIsPublishedOnce() {
        // given an order whose application waits for documents
        String orderId = OrderApi.requestOrder("documents-" + UUID.randomUUID());
        kafka.send(Topics.AUTHORIZATIONS.name(), Envelope.of(UUID.randomUUID().toString(), Decisions.SOURCE,
                new AuthorizationPendingV1(orderId, AuthorizationPendingV1.DOCUMENTS, TrackDecision.US_EXPORT,
                        "DOCUMENT_MISSING", "Waiting for documents required by policy 2026-01-15.1",
                        "2026-01-15.1", "us-third-party-lab-review", Instant.now())));
        await().atMost(WAIT).until(() -> AuthorizationPendingV1.DOCUMENTS.equals(
                OrderApi.get(orderId).extract().path("authorization.waitingFor")));
        String key = UUID.randomUUID().toString();
        String lab = body("LAB_TEST_REPORT", TODAY.minusDays(1), TODAY.plusDays(60), "LAB-1", "AB".repeat(32));

        // when
        supply(orderId, key, lab).statusCode(202).body("orderId", equalTo(orderId))
                .body("status", equalTo("REQUESTED")).header("Idempotent-Replayed", nullValue());

        // then: a retry is answered again and passes nothing twice; the key with another body is refused
        supply(orderId, key, lab).statusCode(202).header("Idempotent-Replayed", "true");
        supply(orderId, null, lab).statusCode(202).header("Idempotent-Replayed", "true");
        supply(orderId, key, body("BUYER_KYC_ATTESTATION", TODAY.minusDays(10), TODAY.plusDays(355), "KYC-1",
                "cd".repeat(32))).statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        ConsumerRecord<String, byte[]> record = await().atMost(WAIT).until(() -> supplied(orderId),
                list -> !list.isEmpty()).get(0);
        DocumentSuppliedV1 wire = (DocumentSuppliedV1) decode(record).event();
        assertThat(wire.kind()).isEqualTo(DocumentKind.LAB_TEST_REPORT);
        assertThat(wire.reference()).isEqualTo("LAB-1");
        assertThat(wire.issuedOn()).isEqualTo(TODAY.minusDays(1));
        assertThat(wire.expiresOn()).isEqualTo(TODAY.plusDays(60));
        assertThat(wire.sha256()).isEqualTo("ab".repeat(32));
        assertThat(wire.suppliedBy()).isEqualTo(requestedBy(orderId));
        assertThat(record.headers().lastHeader("ce_dssematerial")).isNotNull();
        OrderApi.get(orderId).body("status", equalTo("REQUESTED"))
                .body("authorization.waitingFor", equalTo(AuthorizationPendingV1.DOCUMENTS))
                .body("documents.kind", equalTo(List.of("LAB_TEST_REPORT")))
                .body("documents[0].reference", equalTo("LAB-1"))
                .body("documents[0].issuedOn", equalTo(TODAY.minusDays(1).toString()))
                .body("documents[0].expiresOn", equalTo(TODAY.plusDays(60).toString()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(OrderApi.get(orderId).extract().jsonPath()
                .getList("history.type", String.class)).contains("DocumentSupplied"));
        assertThat(supplied(orderId)).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(OrderApi.changesOf(orderId, "changeType"))
                .containsExactly("OrderRequested", "AuthorizationPending", "DocumentSupplied"));
        assertThat(OrderApi.changesOf(orderId, "status")).containsExactly("REQUESTED", "REQUESTED", "REQUESTED");
    }

    @Test
    void badDocumentsAreRefusedWithTheRegulatorsCodesNamingTheField() {
        // given
        String orderId = OrderApi.requestOrder("bad-documents-" + UUID.randomUUID());
        String sha = "ab".repeat(32);

        // when / then
        refused(orderId, body("PASSPORT", TODAY, TODAY.plusDays(5), "P-1", sha), "DOCUMENT_KIND_UNKNOWN", "kind");
        refused(orderId, body("LAB_TEST_REPORT", TODAY.plusDays(1), TODAY.plusDays(30), "L-1", sha),
                "DOCUMENT_DATES_INVALID", "issuedOn");
        refused(orderId, body("LAB_TEST_REPORT", TODAY.minusDays(3), TODAY.minusDays(4), "L-2", sha),
                "DOCUMENT_DATES_INVALID", "expiresOn");
        refused(orderId, body("LAB_TEST_REPORT", TODAY.minusDays(30), TODAY.minusDays(1), "L-3", sha),
                "DOCUMENT_EXPIRED", "expiresOn");
        refused(orderId, body("LAB_TEST_REPORT", TODAY.minusDays(1), TODAY.plusDays(3661), "L-4", sha),
                "LIMIT_EXCEEDED", "expiresOn");
        refused(orderId, body("LAB_TEST_REPORT", TODAY, TODAY.plusDays(5), "L-5", "not-a-digest"),
                "INVALID_FIELD", "sha256");
        refused(orderId, body("LAB_TEST_REPORT", TODAY, TODAY.plusDays(5), "x".repeat(101), sha),
                "LIMIT_EXCEEDED", "reference");
        refused(orderId, body("LAB_TEST_REPORT", TODAY, TODAY.plusDays(5), "L\\u0007", sha),
                "INVALID_FIELD", "reference");
        refused(orderId, "{\"kind\":\"LAB_TEST_REPORT\",\"issuer\":\"Lab\",\"expiresOn\":\"" + TODAY
                + "\",\"reference\":\"L-6\",\"sha256\":\"" + sha + "\"}", "INVALID_FIELD", "issuedOn");
        assertThat(supplied(orderId)).isEmpty();
        OrderApi.get(orderId).body("documents", equalTo(List.of()));
    }

    @Test
    void aDecidedOrderTakesNoDocumentAndAnotherClientsOrderAnswers404() {
        // given
        String orderId = OrderApi.requestOrder("decided-" + UUID.randomUUID());
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        String lab = body("LAB_TEST_REPORT", TODAY, TODAY.plusDays(5), "LAB-LATE", "ab".repeat(32));

        // when
        ValidatableResponse decided = supply(orderId, null, lab);
        ValidatableResponse foreign = OrderApi.as(Roles.ERP).contentType("application/json").body(lab)
                .when().post("/api/v1/orders/" + orderId + "/documents").then();

        // then
        decided.statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("ORDER_NOT_OPEN_FOR_DOCUMENTS"));
        foreign.statusCode(404);
        assertThat(supplied(orderId)).isEmpty();
    }

    @Test
    void aDocumentTheRegulatorPassedOverShowsInTheHistoryAndTheFeedOnceAndTheOrderStaysAuthorized() {
        // given a document taken while the order was REQUESTED, then the grant that was on its way
        String orderId = OrderApi.requestOrder("passed-over-" + UUID.randomUUID());
        supply(orderId, null, body("LAB_TEST_REPORT", TODAY, TODAY.plusDays(5), "LAB-LATE", "ab".repeat(32)))
                .statusCode(202);
        String supplyEventId = decode(await().atMost(WAIT).until(() -> supplied(orderId), l -> !l.isEmpty())
                .get(0)).id();
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));

        // when the regulator says it passed the document over, says it again under a new id (a
        // retry), then passes over a scenario of another supply record
        Envelope passedOver = Decisions.passedOver(orderId, supplyEventId, DocumentKind.LAB_TEST_REPORT, "GRANTED");
        String otherSupply = UUID.randomUUID().toString();
        kafka.send(Topics.AUTHORIZATIONS.name(), passedOver);
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.republished(passedOver));
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.passedOver(orderId, otherSupply, null, "GRANTED"));

        // then the order's history and change feed show each supply once (the retry, read before the
        // last record on the same partition, changed nothing), and its status is as it was
        await().atMost(WAIT).untilAsserted(() -> assertThat(OrderApi.changesOf(orderId, "changeType"))
                .containsExactly("OrderRequested", "DocumentSupplied", "OrderAuthorized", "SupplyPassedOver",
                        "SupplyPassedOver"));
        assertThat(OrderApi.changesOf(orderId, "status"))
                .containsExactly("REQUESTED", "REQUESTED", "AUTHORIZED", "AUTHORIZED", "AUTHORIZED");
        var order = OrderApi.get(orderId).body("status", equalTo("AUTHORIZED")).extract().jsonPath();
        assertThat(order.getList("history.type", String.class)).containsExactly("OrderRequested",
                "DocumentSupplied", "OrderAuthorized", "SupplyPassedOver", "SupplyPassedOver");
        assertThat(order.getString("history[3].summary")).contains("LAB_TEST_REPORT document", supplyEventId,
                "already GRANTED");
        assertThat(order.getString("history[4].summary")).contains("usage scenario", otherSupply);
        assertThat(kafka.readAll(DLT, Duration.ofSeconds(5))).noneMatch(r -> orderId.equals(r.key()));
    }

    @Test
    void aPassedOverSupplyMissingItsSupplyRecordIdIsDeadLetteredNamingTheField() {
        // given a record that claims a passed-over supply but names no supply record
        String orderId = OrderApi.requestOrder("passed-over-bad-" + UUID.randomUUID());
        Envelope good = Decisions.passedOver(orderId, UUID.randomUUID().toString(), null, "DENIED");
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(Topics.AUTHORIZATIONS.name(), headers, good);
        byte[] broken = new String(value, StandardCharsets.UTF_8)
                .replaceFirst("\"supplyEventId\"\\s*:\\s*\"[^\"]*\",?", "").getBytes(StandardCharsets.UTF_8);
        TestSigning.signerFor(Provenance.REGULATOR_SERVICE).sign(headers, broken);

        // when
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), orderId, broken, headers);

        // then it is dead-lettered with the contract's reason, and the order is as it was
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> kafka.readAll(DLT,
                Duration.ofSeconds(5)).stream().filter(r -> orderId.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        assertThat(new String(dead.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .startsWith("CONTRACT_VIOLATION").contains("supplyEventId");
        // (the feed is written by its own processor: wait until it has the request, then nothing else)
        await().atMost(WAIT).until(() -> OrderApi.changesOf(orderId, "changeType"), changes -> !changes.isEmpty());
        assertThat(OrderApi.changesOf(orderId, "changeType")).containsExactly("OrderRequested");
    }

    private static void refused(String orderId, String body, String code, String field) {
        supply(orderId, null, body).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo(code)).body("field", equalTo(field));
    }

    private static String body(String kind, LocalDate issuedOn, LocalDate expiresOn, String reference,
                               String sha256) {
        return "{\"kind\":\"" + kind + "\",\"issuer\":\"US Accelerator Test Labs Inc.\",\"issuedOn\":\"" + issuedOn
                + "\",\"expiresOn\":\"" + expiresOn + "\",\"reference\":\"" + reference + "\",\"sha256\":\""
                + sha256 + "\"}";
    }

    private static ValidatableResponse supply(String orderId, String key, String body) {
        var request = OrderApi.asTester().contentType("application/json").body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/orders/" + orderId + "/documents").then();
    }

    private static List<ConsumerRecord<String, byte[]>> supplied(String orderId) {
        return kafka.readAll(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .filter(r -> orderId.equals(r.key()))
                .filter(r -> decode(r).event() instanceof DocumentSuppliedV1).toList();
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
