package io.tollgate.eventing.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe writes what services read and reads everything a topic holds, without a group. */
class KafkaProbeTest {

    private static final Duration WAIT_MAX = Duration.ofSeconds(30);

    private static KafkaBroker broker;
    private static KafkaProbe probe;

    @BeforeAll
    static void openProbe() {
        broker = KafkaBroker.shared();
        probe = new KafkaProbe(broker.bootstrapServers());
    }

    @AfterAll
    static void closeProbe() {
        probe.close();
    }

    @Test
    void sentEnvelopeReadsBackEqualWithTheOrderIdAsKey() {
        // given
        String topic = "probe-test.envelopes";
        broker.createTopics(3, (short) 1, topic);
        Envelope envelope = Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE,
                orderRequested("order-" + UUID.randomUUID()));
        // when
        probe.send(topic, envelope);
        // then
        List<ConsumerRecord<String, byte[]>> records = probe.readAll(topic, WAIT_MAX);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(envelope.subject());
        assertThat(new String(records.get(0).headers().lastHeader("ce_id").value(), UTF_8))
                .isEqualTo(envelope.id());
        // decoded as it would be on the orders topic (decoding checks the topic's allowlist)
        assertThat(EnvelopeCodec.decode(Topics.ORDERS.name(), records.get(0).headers(),
                records.get(0).value())).isEqualTo(envelope);
    }

    @Test
    void readAllReturnsEveryRecordEveryTimeBecauseItCommitsNothing() {
        // given
        String topic = "probe-test.raw";
        broker.createTopics(3, (short) 1, topic);
        for (int i = 0; i < 10; i++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("test_header", ("h" + i).getBytes(UTF_8));
            probe.sendRaw(topic, "key-" + i, ("value-" + i).getBytes(UTF_8), headers);
        }
        // when
        List<ConsumerRecord<String, byte[]>> first = probe.readAll(topic, WAIT_MAX);
        List<ConsumerRecord<String, byte[]>> second = probe.readAll(topic, WAIT_MAX);
        // then
        assertThat(first).hasSize(10);
        assertThat(second).hasSize(10);
        assertThat(first).extracting(r -> new String(r.value(), UTF_8))
                .containsExactlyInAnyOrderElementsOf(
                        List.of("value-0", "value-1", "value-2", "value-3", "value-4",
                                "value-5", "value-6", "value-7", "value-8", "value-9"));
        assertThat(first).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("test_header").value(),
                UTF_8)).isEqualTo("h" + r.key().substring("key-".length())));
    }

    @Test
    void readAllOfATopicThatDoesNotExistIsEmpty() {
        assertThat(probe.readAll("probe-test.never-created", WAIT_MAX)).isEmpty();
    }

    @Test
    void awaitRecordsWaitsForRecordsSentLater() throws Exception {
        // given
        String topic = "probe-test.later";
        broker.createTopics(3, (short) 1, topic);
        // when
        CompletableFuture<Void> sending;
        try (KafkaProbe sender = new KafkaProbe(broker.bootstrapServers())) {
            sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 5; i++) {
                    sender.sendRaw(topic, "key-" + i, new byte[] {(byte) i}, null);
                }
            });
            List<ConsumerRecord<String, byte[]>> records = probe.awaitRecords(topic, 5, WAIT_MAX);
            sending.get(30, TimeUnit.SECONDS);
            // then
            assertThat(records).hasSize(5);
        }
    }

    @Test
    void awaitRecordsFailsNamingHowManyArrived() {
        // given
        String topic = "probe-test.too-few";
        broker.createTopics(1, (short) 1, topic);
        probe.sendRaw(topic, "key", new byte[] {1}, null);
        // when / then
        assertThatThrownBy(() -> probe.awaitRecords(topic, 2, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected at least 2 records in probe-test.too-few")
                .hasMessageContaining("found 1");
    }

    @Test
    void readEnvelopesNamesTheRecordThatIsNoEnvelope() {
        // given
        String topic = "probe-test.garbage";
        broker.createTopics(1, (short) 1, topic);
        probe.sendRaw(topic, "order-1", "not an envelope".getBytes(UTF_8), null);
        // when / then
        assertThatThrownBy(() -> probe.readEnvelopes(topic, WAIT_MAX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("probe-test.garbage-0@0 is not a valid envelope");
    }

    private static OrderRequestedV1 orderRequested(String orderId) {
        Money unitPrice = Money.of(new java.math.BigDecimal("1250.00"), "USD");
        return new OrderRequestedV1(orderId, "customer-1", "Acme Research", "H100-SXM", "H100", 4,
                unitPrice, unitPrice.times(4), "training", "ERP-1",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "probe-test");
    }
}
