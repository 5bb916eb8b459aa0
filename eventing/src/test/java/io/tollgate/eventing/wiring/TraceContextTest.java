package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trace context through each hop of the plumbing, seen by the in-memory span exporter: an HTTP
 * request → its command (through the group commit too) → the stored event → the outbox relay's
 * send → the record's {@code traceparent}; a record's {@code traceparent} → the span it is
 * processed in → the commands its handler sends. And the log context of every line written while
 * a record is handled, which must not reach the lines after it.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class TraceContextTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AttributeKey<String> MESSAGE_ID =
            AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> GROUP =
            AttributeKey.stringKey("messaging.consumer.group.name");
    private static final String ORDER_BODY = "{\"customerId\":\"traced\",\"price\":"
            + "{\"amount\":\"1.00\",\"currency\":\"USD\"},\"quantity\":1}";
    private static KafkaProbe kafka;

    @Inject
    InMemorySpanExporter spans;
    @Inject
    EventStore eventStore;
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
    void recordPublishedForARequestCarriesTheRequestsTraceInItsHeaders() {
        // given an ERP call that carries its own trace context
        String traceId = hex(16);
        String callerSpanId = hex(8);

        // when
        String orderId = asTester().header("traceparent", traceparent(traceId, callerSpanId))
                .contentType("application/json").body(ORDER_BODY)
                .when().post("/probe/orders")
                .then().statusCode(202).extract().path("orderId");
        ConsumerRecord<String, byte[]> record = await().atMost(WAIT)
                .until(() -> published(orderId), Optional::isPresent).orElseThrow();
        String eventId = Probes.header(record, "ce_id");
        SpanData send = awaitSpan(SpanKind.PRODUCER, eventId, null);

        // then: request span ← caller; send span ← request span; the header names the send span
        SpanData request = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId))
                .findFirst().orElseThrow();
        assertThat(request.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(send.getTraceId()).isEqualTo(traceId);
        assertThat(send.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(send.getName()).isEqualTo("send " + Topics.ORDERS.name());
        assertThat(Probes.header(record, "traceparent"))
                .isEqualTo(traceparent(traceId, send.getSpanId()));
        // and the stored event kept the request's context for the relay, which ran later elsewhere
        DomainEventMessage<?> stored = event(orderId, 0).orElseThrow();
        assertThat(stored.getMetaData().get("traceparent"))
                .isEqualTo(traceparent(traceId, request.getSpanId()));
    }

    @Test
    void commandsOfAGroupCommittedRequestCarryItsTraceAndItsLinesItsOrderId() {
        // given an order, and a request about it that carries a trace context
        String orderId = openOrder();
        String traceId = hex(16);

        // when the request's command runs on a committer thread
        try (LogCapture logs = LogCapture.start()) {
            asTester().header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                    .when().post("/probe/orders/" + orderId + "/decision-notes")
                    .then().statusCode(204);

            // then its line there carries the request's order id and trace
            LogCapture.Line line = logs.lines(l -> l.message().equals(
                    "probe resource: noting a decision for " + orderId)).get(0);
            assertThat(line.thread()).startsWith("tollgate-group-commit");
            assertThat(line.mdc("orderId")).isEqualTo(orderId);
            assertThat(line.mdc("traceId")).isEqualTo(traceId);
        }
        // and the event its command stored continues the request's trace
        DomainEventMessage<?> noted = event(orderId, 1).orElseThrow();
        assertThat((String) noted.getMetaData().get("traceparent"))
                .startsWith("00-" + traceId + "-");
    }

    @Test
    void recordWithATraceparentIsProcessedInAChildSpanWhoseCommandsContinueTheTrace() {
        // given an order and a grant for it sent inside someone else's trace
        String orderId = openOrder();
        Envelope grant = Probes.grant(orderId, "traced-" + UUID.randomUUID());
        String traceId = hex(16);
        String senderSpanId = hex(8);

        // when
        send(grant, traceparent(traceId, senderSpanId));
        SpanData process = awaitSpan(SpanKind.CONSUMER, grant.id(), ProbeWiring.GROUP);
        SpanData batch = awaitSpan(SpanKind.CONSUMER, grant.id(), ProbeBatchConsumer.GROUP);

        // then both consumers processed it in a child of the sender's span
        for (SpanData span : List.of(process, batch)) {
            assertThat(span.getTraceId()).isEqualTo(traceId);
            assertThat(span.getParentSpanId()).isEqualTo(senderSpanId);
            assertThat(span.getName()).isEqualTo("process " + Topics.AUTHORIZATIONS.name());
        }
        // and the command the record consumer sent stored its event in the processing span's trace
        DomainEventMessage<?> noted = await().atMost(WAIT)
                .until(() -> event(orderId, 1), Optional::isPresent).get();
        assertThat(noted.getMetaData().get("traceparent"))
                .isEqualTo(traceparent(traceId, process.getSpanId()));
    }

    @Test
    void recordWithoutOrWithAMalformedTraceparentStartsANewTraceAndIsApplied() throws Exception {
        // given two grants: one without a trace context, one whose context cannot be parsed
        String orderId = openOrder();
        Envelope plain = Probes.grant(orderId, "plain-" + UUID.randomUUID());
        Envelope malformed = Probes.grant(orderId, "malformed-" + UUID.randomUUID());

        // when
        send(plain, null);
        send(malformed, "00-not-a-trace-id-\u00ff-zz");

        // then both are applied, neither dead-lettered, each in a trace of its own
        await().atMost(WAIT).until(() -> "APPLIED".equals(
                Probes.outcome(databases, ProbeWiring.GROUP, malformed.id())));
        assertThat(Probes.outcome(databases, ProbeWiring.GROUP, plain.id())).isEqualTo("APPLIED");
        SpanData first = awaitSpan(SpanKind.CONSUMER, plain.id(), ProbeWiring.GROUP);
        SpanData second = awaitSpan(SpanKind.CONSUMER, malformed.id(), ProbeWiring.GROUP);
        for (SpanData span : List.of(first, second)) {
            assertThat(span.getParentSpanContext().isValid()).isFalse();
            assertThat(span.getSpanContext().isValid()).isTrue();
        }
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
    }

    @Test
    void linesWrittenWhileHandlingARecordCarryItsIdsAndTheLinesAfterItDoNot() throws Exception {
        // given two orders; one loop thread handles every record of its group
        String firstOrder = openOrder();
        String secondOrder = openOrder();
        Envelope first = Probes.grant(firstOrder, "log-" + UUID.randomUUID());
        Envelope second = Probes.grant(secondOrder, "log-" + UUID.randomUUID());

        try (LogCapture logs = LogCapture.start()) {
            // when: one record, then the next one after the first was committed
            send(first, null);
            await().atMost(WAIT).until(() -> !committedLines(logs).isEmpty());
            send(second, null);
            await().atMost(WAIT).until(() -> !handlerLines(logs, second).isEmpty());

            // then each handler line carries its own record's ids and trace
            LogCapture.Line firstLine = handlerLines(logs, first).get(0);
            LogCapture.Line secondLine = handlerLines(logs, second).get(0);
            assertThat(firstLine.mdc("orderId")).isEqualTo(firstOrder);
            assertThat(firstLine.mdc("eventId")).isEqualTo(first.id());
            assertThat(firstLine.mdc("traceId"))
                    .isEqualTo(processSpan(first).getTraceId());
            assertThat(secondLine.mdc("orderId")).isEqualTo(secondOrder);
            assertThat(secondLine.mdc("eventId")).isEqualTo(second.id());
            assertThat(secondLine.mdc("traceId"))
                    .isEqualTo(processSpan(second).getTraceId());
            // and the loop's own lines after a record carry none of its ids or trace
            for (LogCapture.Line line : committedLines(logs)) {
                assertThat(line.mdc())
                        .doesNotContainKeys("orderId", "eventId", "traceId", "spanId");
            }
        }
    }

    private static List<LogCapture.Line> handlerLines(LogCapture logs, Envelope grant) {
        String authorizationId = ((AuthorizationGrantedV1) grant.event()).authorizationId();
        String message = "probe consumer: noting grant " + authorizationId;
        return logs.lines(l -> l.message().equals(message));
    }

    private static List<LogCapture.Line> committedLines(LogCapture logs) {
        return logs.lines(l -> l.message().startsWith("consumer " + ProbeWiring.GROUP + ": ")
                && l.message().endsWith("offsets committed"));
    }

    private SpanData processSpan(Envelope record) {
        return awaitSpan(SpanKind.CONSUMER, record.id(), ProbeWiring.GROUP);
    }

    private Optional<? extends DomainEventMessage<?>> event(String orderId, int sequence) {
        return eventStore.readEvents(orderId).asStream().skip(sequence).findFirst();
    }

    private SpanData awaitSpan(SpanKind kind, String eventId, String group) {
        return await().atMost(WAIT).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == kind)
                .filter(s -> eventId.equals(s.getAttributes().get(MESSAGE_ID)))
                .filter(s -> group == null || group.equals(s.getAttributes().get(GROUP)))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static void send(Envelope envelope, String traceparent) {
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(Topics.AUTHORIZATIONS.name(), headers, envelope);
        TestSigning.signerFor(envelope.source()).sign(headers, value);
        if (traceparent != null) {
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.ISO_8859_1));
        }
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), envelope.subject(), value, headers);
    }

    private static Optional<ConsumerRecord<String, byte[]>> published(String orderId) {
        return kafka.readAll(Topics.ORDERS.name(), Duration.ofSeconds(5)).stream()
                .filter(r -> orderId.equals(r.key())).findFirst();
    }

    private static String openOrder() {
        return asTester().contentType("application/json").body(ORDER_BODY)
                .when().post("/probe/orders")
                .then().statusCode(202).extract().path("orderId");
    }

    private static RequestSpecification asTester() {
        return given().auth().preemptive()
                .basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }

    private static String traceparent(String traceId, String spanId) {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    /** Random lowercase hex of {@code bytes} bytes: a W3C trace id (16) or span id (8). */
    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros, which W3C forbids
        return HexFormat.of().formatHex(random);
    }
}
