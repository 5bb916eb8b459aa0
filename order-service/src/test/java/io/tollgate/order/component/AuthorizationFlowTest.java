package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.ProcessedEvents;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.kafka.AuthorizationConsumer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authorization decisions from tollgate.authorizations.v1 drive the order through its states;
 * redeliveries change nothing; what cannot be applied lands in tollgate.order-service.dlt.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class AuthorizationFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT = Topics.deadLetterFor(AuthorizationConsumer.GROUP).name();
    private static KafkaProbe kafka;

    @Inject
    EventStore eventStore;
    @Inject
    ProcessedEvents processed;
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
    void aGrantAuthorizesAndPaymentsSettleTheOrder() {
        // given
        String orderId = OrderApi.requestOrder("flow-grant-" + UUID.randomUUID());

        // when
        send(Decisions.grant(orderId, "auth-" + orderId));
        awaitStatus(orderId, "AUTHORIZED");

        // then: 25% of 31,500,000.00 is owed, and it is paid in two remittances
        OrderApi.get(orderId).statusCode(200)
                .body("grossAmount.amount", equalTo("31500000.00"))
                .body("revenueShareDue.amount", equalTo("7875000.00"))
                .body("revenueShareOutstanding.amount", equalTo("7875000.00"))
                .body("authorization.authorizationId", equalTo("auth-" + orderId));
        OrderApi.pay(orderId, "k1-" + orderId, "7000000.00", "USD", "UST-2026-000123").statusCode(202)
                .body("status", equalTo("AUTHORIZED"));
        OrderApi.pay(orderId, "k2-" + orderId, "875000.01", "USD", "UST-2026-000124").statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("PAYMENT_EXCEEDS_DUE"))
                .body("field", equalTo("amount.amount"));
        OrderApi.pay(orderId, "k3-" + orderId, "10.00", "EUR", "UST-2026-000125").statusCode(422)
                .body("code", equalTo("CURRENCY_MISMATCH"));
        OrderApi.pay(orderId, "k4-" + orderId, "875000.00", "USD", "UST-2026-000126").statusCode(202)
                .body("status", equalTo("SETTLED"));
        OrderApi.get(orderId).statusCode(200)
                .body("status", equalTo("SETTLED"))
                .body("revenueSharePaid.amount", equalTo("7875000.00"))
                .body("revenueShareOutstanding.amount", equalTo("0.00"))
                .body("history.type", equalTo(List.of("OrderRequested", "OrderAuthorized", "RevenueSharePaid",
                        "RevenueSharePaid", "OrderSettled")))
                .body("history[0].recordedAt", org.hamcrest.Matchers.notNullValue());
        OrderApi.cancel(orderId).statusCode(409).body("code", equalTo("ORDER_NOT_CANCELLABLE"));
    }

    @Test
    void aDenialDeniesTheOrderAndItTakesNoPayment() {
        // given
        String orderId = OrderApi.requestOrder("flow-deny-" + UUID.randomUUID());

        // when
        send(Decisions.deny(orderId, "auth-" + orderId));

        // then
        awaitStatus(orderId, "DENIED");
        OrderApi.get(orderId).body("revenueShareDue", nullValue())
                .body("authorization.decision", equalTo("DENIED"))
                .body("authorization.policyClause", equalTo("designated-register"))
                .body("authorization.reasons[0].code", equalTo("CUSTOMER_NOT_DESIGNATED"))
                .body("authorization.reasons[0].track", equalTo("US_EXPORT"))
                .body("history[1].summary", org.hamcrest.Matchers.containsString("CUSTOMER_NOT_DESIGNATED"));
        OrderApi.pay(orderId, UUID.randomUUID().toString(), "1.00", "USD", "UST-1").statusCode(409)
                .body("code", equalTo("ORDER_NOT_AUTHORIZED"));
        OrderApi.cancel(orderId).statusCode(409).body("code", equalTo("ORDER_NOT_CANCELLABLE"));
    }

    @Test
    void aRedeliveredOrRepublishedGrantChangesNothing() {
        // given
        String orderId = OrderApi.requestOrder("flow-redelivery-" + UUID.randomUUID());
        Envelope grant = Decisions.grant(orderId, "auth-" + orderId);
        send(grant);
        awaitStatus(orderId, "AUTHORIZED");
        Map<String, Long> before = Stored.rowCounts(databases);

        // when: the same record again, then the same decision under a new event id (same key, so
        // the same partition: once the second is processed, the first copy was too)
        send(grant);
        Envelope republished = Decisions.republished(grant);
        send(republished);

        // then
        await().atMost(WAIT).until(() -> processed.contains(AuthorizationConsumer.GROUP, republished.id()));
        assertThat(eventTypes(orderId)).containsExactly("OrderRequestedEvent", "OrderAuthorizedEvent");
        assertThat(Stored.rowCounts(databases)).isEqualTo(before);
    }

    @Test
    void aGrantAfterCancellationIsRecordedAsIgnored() {
        // given
        String orderId = OrderApi.requestOrder("flow-late-grant-" + UUID.randomUUID());
        OrderApi.cancel(orderId).statusCode(202).body("status", equalTo("CANCELLED"));

        // when
        send(Decisions.grant(orderId, "auth-" + orderId));

        // then
        await().atMost(WAIT).until(() -> eventTypes(orderId).size() == 3);
        assertThat(eventTypes(orderId)).containsExactly("OrderRequestedEvent", "OrderCancelledEvent",
                "AuthorizationIgnoredEvent");
        OrderApi.get(orderId).body("status", equalTo("CANCELLED")).body("history", hasSize(3))
                .body("revenueShareDue", nullValue());
    }

    @Test
    void anAuthorizedOrderIsCancelledUntilSomethingIsPaid() {
        // given
        String cancelled = OrderApi.requestOrder("flow-cancel-" + UUID.randomUUID());
        String paid = OrderApi.requestOrder("flow-cancel-paid-" + UUID.randomUUID());
        send(Decisions.grant(cancelled, "auth-" + cancelled));
        send(Decisions.grant(paid, "auth-" + paid));
        awaitStatus(cancelled, "AUTHORIZED");
        awaitStatus(paid, "AUTHORIZED");
        OrderApi.pay(paid, UUID.randomUUID().toString(), "1.00", "USD", "UST-9").statusCode(202);

        // when / then
        OrderApi.cancel(cancelled).statusCode(202).body("status", equalTo("CANCELLED"));
        OrderApi.get(cancelled).body("voidedAuthorizationId", equalTo("auth-" + cancelled));
        OrderApi.cancel(cancelled).statusCode(202).body("status", equalTo("CANCELLED"))
                .header("Idempotent-Replayed", "true");
        OrderApi.cancel(paid).statusCode(409).body("code", equalTo("ORDER_HAS_PAYMENTS"));
        OrderCancelledV1 onTheWire = await().atMost(WAIT).until(() -> kafka.readEnvelopes(Topics.ORDERS.name(),
                        Duration.ofSeconds(5)).stream().map(Envelope::event)
                .filter(OrderCancelledV1.class::isInstance).map(OrderCancelledV1.class::cast)
                .filter(e -> e.orderId().equals(cancelled)).findFirst().orElse(null), e -> e != null);
        assertThat(onTheWire.previousStatus()).isEqualTo("AUTHORIZED");
        assertThat(onTheWire.voidedAuthorizationId()).isEqualTo("auth-" + cancelled);
    }

    @Test
    void aDecisionForAnUnknownOrderIsDeadLetteredAndTheConsumerGoesOn() {
        // given
        String unknown = UUID.randomUUID().toString();
        String known = OrderApi.requestOrder("flow-after-unknown-" + UUID.randomUUID());

        // when
        send(Decisions.grant(unknown, "auth-" + unknown));
        send(Decisions.grant(known, "auth-" + known));

        // then
        awaitStatus(known, "AUTHORIZED");
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(unknown);
        assertThat(header(dead, Topics.DLT_REASON_HEADER)).startsWith("UNKNOWN_ORDER");
        assertThat(header(dead, Topics.DLT_CONSUMER_HEADER)).isEqualTo(AuthorizationConsumer.GROUP);
        assertThat(eventStore.readEvents(unknown).asStream().count()).isZero();
    }

    @Test
    void aGarbageRecordIsDeadLetteredAndTheConsumerGoesOn() {
        // given
        String key = "garbage-" + UUID.randomUUID();
        String known = OrderApi.requestOrder("flow-after-garbage-" + UUID.randomUUID());

        // when
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), key, "{not json".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders());
        send(Decisions.grant(known, "auth-" + known));

        // then
        awaitStatus(known, "AUTHORIZED");
        assertThat(header(awaitDeadLetter(key), Topics.DLT_REASON_HEADER)).startsWith("CONTRACT_VIOLATION");
    }

    @Test
    void aGrantThatDoesNotComeFromTheRegulatorIsDeadLetteredAndChangesNothing() {
        // given an order waiting for its decision
        String orderId = OrderApi.requestOrder("flow-forged-" + UUID.randomUUID());
        List<String> before = eventTypes(orderId);
        Envelope real = Decisions.grant(orderId, "auth-" + orderId);

        // when a grant claiming to come from order-service itself is produced onto the topic
        send(new Envelope(real.id(), real.type(), Provenance.ORDER_SERVICE, real.time(),
                real.subject(), real.event()));

        // then it is dead-lettered with the reason, and the order is as it was
        ConsumerRecord<String, byte[]> dead = awaitDeadLetter(orderId);
        assertThat(header(dead, Topics.DLT_REASON_HEADER))
                .startsWith("CONTRACT_VIOLATION")
                .contains("ce_source")
                .contains("must be " + Provenance.REGULATOR_SERVICE);
        assertThat(OrderApi.status(orderId)).isEqualTo("REQUESTED");
        assertThat(eventTypes(orderId)).isEqualTo(before);
    }

    @Test
    void aConflictingDecisionIsDeadLetteredWithItsErrorCode() {
        // given
        String orderId = OrderApi.requestOrder("flow-conflict-" + UUID.randomUUID());
        send(Decisions.grant(orderId, "auth-a-" + orderId));
        awaitStatus(orderId, "AUTHORIZED");

        // when
        Envelope other = Decisions.deny(orderId, "auth-b-" + orderId);
        send(other);

        // then
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> deadLetters().stream()
                .filter(r -> orderId.equals(r.key())).findFirst().orElse(null), r -> r != null);
        assertThat(header(dead, Topics.DLT_REASON_HEADER)).startsWith("AUTHORIZATION_CONFLICT");
        assertThat(OrderApi.status(orderId)).isEqualTo("AUTHORIZED");
    }

    private static void send(Envelope envelope) {
        kafka.send(Topics.AUTHORIZATIONS.name(), envelope);
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(OrderApi.status(orderId)));
    }

    private List<String> eventTypes(String orderId) {
        return eventStore.readEvents(orderId, 0).asStream().map(EventMessage::getPayloadType)
                .map(Class::getSimpleName).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters() {
        return kafka.readAll(DLT, Duration.ofSeconds(5));
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return await().atMost(WAIT).until(() -> deadLetters().stream().filter(r -> key.equals(r.key()))
                .findFirst().orElse(null), r -> r != null);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
