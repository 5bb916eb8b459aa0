package io.tollgate.eventing.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch consumer keeps going past a record it can never apply: the record is isolated, sent to
 * the dead-letter topic once with its reason, and every other record of its batch is applied.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class BatchIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.AUTHORIZATIONS.name();
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
    void poisonRecordInsideABatchIsDeadLetteredAloneAndEveryOtherRecordIsApplied() throws Exception {
        // given: one poison grant in the middle of many good ones, all on one partition
        List<String> goodOrders = new ArrayList<>();
        String poisonOrder = Probes.keyOnPartition(0);
        Envelope poison = Probes.grant(poisonOrder, "poison-" + UUID.randomUUID());

        // when
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                kafka.send(TOPIC, poison);
            }
            String order = Probes.keyOnPartition(0);
            goodOrders.add(order);
            kafka.send(TOPIC, Probes.grant(order, "good-" + i));
        }

        // then
        await().atMost(WAIT).untilAsserted(() -> {
            for (String order : goodOrders) {
                assertThat(Probes.applied(databases, order)).hasSize(1);
            }
        });
        assertThat(Probes.applied(databases, poisonOrder)).isEmpty();
        List<ConsumerRecord<String, byte[]>> dead = deadLettersFor(poisonOrder);
        assertThat(dead).hasSize(1);
        assertThat(Probes.header(dead.get(0), Topics.DLT_REASON_HEADER))
                .isEqualTo("HANDLER_FAILED: ArithmeticException: Overflow");
        assertThat(Probes.outcome(databases, ProbeBatchConsumer.GROUP, poison.id())).isEqualTo("DEAD_LETTERED");
    }

    @Test
    void redeliveredPoisonRecordIsNotDeadLetteredAgain() throws Exception {
        // given: a poison grant already dead-lettered
        String poisonOrder = Probes.keyOnPartition(1);
        Envelope poison = Probes.grant(poisonOrder, "poison-" + UUID.randomUUID());
        kafka.send(TOPIC, poison);
        await().atMost(WAIT).until(() -> deadLettersFor(poisonOrder).size() == 1);

        // when: the same event arrives again, followed by a good grant on the same partition
        kafka.send(TOPIC, poison);
        String marker = Probes.keyOnPartition(1);
        kafka.send(TOPIC, Probes.grant(marker, "good-marker"));

        // then
        await().atMost(WAIT).until(() -> Probes.applied(databases, marker).size() == 1);
        assertThat(deadLettersFor(poisonOrder)).hasSize(1);
    }

    @Test
    void undecodableRecordIsDeadLetteredOnceWhenItsBatchIsRetried() throws Exception {
        // given: a grant that fails three times for a transient reason, and right behind it on its
        // partition a record that cannot be decoded, so that the retried polls carry both
        String garbageKey = Probes.keyOnPartition(2);
        String transientOrder = Probes.keyOnPartition(2);
        ProbeBatchConsumer.POOL_FAILURES.set(3);

        // when
        kafka.send(TOPIC, Probes.grant(transientOrder, "pool-" + UUID.randomUUID()));
        kafka.sendRaw(TOPIC, garbageKey, "{not json".getBytes(StandardCharsets.UTF_8), new RecordHeaders());

        // then: the grant is applied once it passes, and the garbage was dead-lettered once
        await().atMost(WAIT).until(() -> Probes.applied(databases, transientOrder).size() == 1);
        assertThat(ProbeBatchConsumer.POOL_FAILURES.get()).isLessThan(0);
        List<ConsumerRecord<String, byte[]>> dead = deadLettersFor(garbageKey);
        assertThat(dead).hasSize(1);
        assertThat(Probes.header(dead.get(0), Topics.DLT_REASON_HEADER)).startsWith("CONTRACT_VIOLATION: ");
        assertThat(deadLettersFor(transientOrder)).isEmpty();
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersFor(String key) {
        return kafka.readAll(Topics.deadLetterFor(ProbeBatchConsumer.GROUP).name(), Duration.ofSeconds(5))
                .stream().filter(r -> key.equals(r.key())).toList();
    }
}
