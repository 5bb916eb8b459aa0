package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.OrderCancelledV1;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.RevenueSharePaidV1;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.outbox.OutboxRelay;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.api.OrderCancelledEvent;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.api.RevenueSharePaidEvent;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay publishes every public event of the event store to tollgate.orders.v1: once in
 * the normal case, late but not lost when the relay was down between append and publish, and with
 * the same CloudEvents id when it publishes again after losing its position.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<Class<?>> PUBLIC_EVENTS = Set.of(OrderRequestedEvent.class,
            RevenueSharePaidEvent.class, OrderCancelledEvent.class);
    private static KafkaProbe kafka;

    @Inject
    EventStore eventStore;
    @Inject
    Configuration axon;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void everyPublicEventIsPublishedExactlyOnceWithItsEventIdAndTheOrderAsKey() {
        // given: a requested order, a paid one and a cancelled one
        String requested = OrderApi.requestOrder("outbox-requested-" + UUID.randomUUID());
        String paid = OrderApi.requestOrder("outbox-paid-" + UUID.randomUUID());
        String cancelled = OrderApi.requestOrder("outbox-cancelled-" + UUID.randomUUID());
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(paid, "auth-" + paid));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(paid)));
        OrderApi.pay(paid, "p1-" + paid, "100.00", "USD", "UST-1").statusCode(202);
        OrderApi.pay(paid, "p2-" + paid, "200.00", "USD", "UST-2").statusCode(202);
        OrderApi.cancel(cancelled).statusCode(202);
        List<String> orders = List.of(requested, paid, cancelled);

        // when
        List<String> expectedIds = publicEventIds(orders);
        List<ConsumerRecord<String, byte[]>> records = await().atMost(WAIT)
                .until(() -> recordsOf(orders), list -> list.size() >= expectedIds.size());

        // then: once the relay has passed the head of the store, each event is there exactly once
        awaitRelayAtHead();
        records = recordsOf(orders);
        assertThat(expectedIds).hasSize(6);
        assertThat(records.stream().map(OutboxTest::ceId)).containsExactlyInAnyOrderElementsOf(expectedIds);
        for (ConsumerRecord<String, byte[]> record : records) {
            Envelope envelope = decode(record);
            assertThat(record.key()).isEqualTo(envelope.subject()).isEqualTo(envelope.event().orderId());
            assertThat(envelope.source()).isEqualTo("/tollgate/order-service");
        }
        Map<Class<?>, Long> types = records.stream().map(r -> decode(r).event().getClass())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(types).containsOnly(Map.entry(OrderRequestedV2.class, 3L),
                Map.entry(RevenueSharePaidV1.class, 2L), Map.entry(OrderCancelledV1.class, 1L));
        RevenueSharePaidV1 payment = records.stream().map(r -> decode(r).event())
                .filter(RevenueSharePaidV1.class::isInstance).map(RevenueSharePaidV1.class::cast)
                .filter(p -> p.amount().amount().equals("100.00")).findFirst().orElseThrow();
        assertThat(payment.authorizationId()).isEqualTo("auth-" + paid);
        assertThat(payment.payee()).isEqualTo("US-TREASURY");
        assertThat(payment.recordedBy()).isEqualTo(TestUsers.TESTER);
    }

    @Test
    void eventsAppendedWhileTheRelayIsDownArePublishedAfterItRestarts() {
        // given: the relay stops, as if the process died between append and publish
        EventProcessor relay = relay();
        relay.shutDown();
        List<String> orders = new ArrayList<>();
        try {
            // when
            for (int i = 0; i < 3; i++) {
                orders.add(OrderApi.requestOrder("outbox-down-" + UUID.randomUUID()));
            }
            OrderApi.cancel(orders.get(0)).statusCode(202);

            // then: stored, not published
            assertThat(publicEventIds(orders)).hasSize(4);
            assertThat(recordsOf(orders)).isEmpty();
        } finally {
            relay.start();
        }
        List<String> expectedIds = publicEventIds(orders);
        await().atMost(WAIT).until(() -> recordsOf(orders), list -> list.size() >= expectedIds.size());
        awaitRelayAtHead();
        assertThat(recordsOf(orders).stream().map(OutboxTest::ceId))
                .containsExactlyInAnyOrderElementsOf(expectedIds);
    }

    @Test
    void aRelayThatLostItsPositionPublishesAgainUnderTheSameIds() {
        // given: an order published once
        Instant before = Instant.now();
        String orderId = OrderApi.requestOrder("outbox-replay-" + UUID.randomUUID());
        List<String> ids = publicEventIds(List.of(orderId));
        await().atMost(WAIT).until(() -> recordsOf(List.of(orderId)).size() == 1);

        // when: its token goes back to before the event, as after a crash between send and token commit
        PooledStreamingEventProcessor relay = (PooledStreamingEventProcessor) relay();
        relay.shutDown();
        try {
            relay.resetTokens(source -> source.createTokenAt(before));
        } finally {
            relay.start();
        }

        // then: published a second time, with the same CloudEvents id (consumers drop it by id)
        List<ConsumerRecord<String, byte[]>> records = await().atMost(WAIT)
                .until(() -> recordsOf(List.of(orderId)), list -> list.size() >= 2);
        assertThat(records).hasSize(2);
        assertThat(records.stream().map(OutboxTest::ceId)).containsOnly(ids.get(0));
    }

    /** Waits until the relay has processed everything the event store held when this was called. */
    private void awaitRelayAtHead() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        PooledStreamingEventProcessor relay = (PooledStreamingEventProcessor) relay();
        await().atMost(WAIT).until(() -> relay.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head));
    }

    private EventProcessor relay() {
        return axon.eventProcessingConfiguration().eventProcessor(OutboxRelay.PROCESSOR).orElseThrow();
    }

    private List<String> publicEventIds(List<String> orderIds) {
        List<String> ids = new ArrayList<>();
        for (String orderId : orderIds) {
            eventStore.readEvents(orderId, 0).asStream()
                    .filter(e -> PUBLIC_EVENTS.contains(e.getPayloadType()))
                    .map(EventMessage::getIdentifier).forEach(ids::add);
        }
        return ids;
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(List<String> orderIds) {
        return kafka.readAll(Topics.ORDERS.name(), Duration.ofSeconds(10)).stream()
                .filter(r -> orderIds.contains(r.key())).toList();
    }

    private static Envelope decode(ConsumerRecord<String, byte[]> record) {
        return io.tollgate.contracts.EnvelopeCodec.decode(record.topic(), record.headers(), record.value());
    }

    private static String ceId(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }
}
