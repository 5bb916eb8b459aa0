package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EnvelopeCodec;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.kafka.AuthorizationConsumer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forged grants produced straight onto tollgate.authorizations.v1, as anyone who can reach the
 * broker could: each is dead-lettered with its reason and the order it names stays as it was; the
 * real decision, signed by the regulator's key, still goes through afterwards.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class ForgedGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DLT = Topics.deadLetterFor(AuthorizationConsumer.GROUP).name();
    private static KafkaProbe kafka;

    @Inject
    EventStore eventStore;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void aGrantClaimingAnotherSourceIsRefusedEvenWhenThatSourceSignedIt() {
        // order-service's own key, signing a grant in its own name: a valid signature, the wrong producer
        Envelope grant = claiming(Provenance.ORDER_SERVICE, "wrong-source");
        assertForgeryRefused(grant, TestSigning.keyOf("order-service").signer(),
                "CONTRACT_VIOLATION", "ce_source must be " + Provenance.REGULATOR_SERVICE);
    }

    @Test
    void anUnsignedGrantIsRefused() {
        assertForgeryRefused(claiming(Provenance.REGULATOR_SERVICE, "unsigned"), null,
                "SIGNATURE_REJECTED", "ce_dssematerial is missing: the record is unsigned");
    }

    @Test
    void aGrantSignedByAnUntrustedKeyIsRefused() {
        EventSigner forger = TestSigning.fresh("forger").signer();
        assertForgeryRefused(claiming(Provenance.REGULATOR_SERVICE, "untrusted"), forger,
                "SIGNATURE_REJECTED", "is signed by no trusted key");
    }

    @Test
    void aGrantSignedUnderTheRegulatorsKeyIdWithAnotherKeyIsRefused() {
        String regulatorKeyId = TestSigning.keyOf("regulator-service").keyId();
        EventSigner forger = new EventSigner(regulatorKeyId,
                TestSigning.fresh("forger").pair().getPrivate(), List.of());
        assertForgeryRefused(claiming(Provenance.REGULATOR_SERVICE, "bad-signature"), forger,
                "SIGNATURE_REJECTED", "signature by key " + regulatorKeyId + " that does not verify");
    }

    @Test
    void aRightSignatureFromTheWrongServicesKeyIsRefused() {
        // claims the regulator; signed, validly, with order-service's trusted key
        assertForgeryRefused(claiming(Provenance.REGULATOR_SERVICE, "wrong-key"),
                TestSigning.keyOf("order-service").signer(), "SIGNATURE_REJECTED",
                "signed by key " + TestSigning.keyOf("order-service").keyId() + " of "
                        + Provenance.ORDER_SERVICE + ", not by the claimed ce_source " + Provenance.REGULATOR_SERVICE);
    }

    @Test
    void aRegulatorSignedGrantAlteredOnTheWayIsRefused() {
        // given a real grant, signed by the regulator, whose subject is changed in transit
        String orderId = OrderApi.requestOrder("forged-altered-" + UUID.randomUUID());
        String other = OrderApi.requestOrder("forged-altered-victim-" + UUID.randomUUID());
        Envelope grant = Decisions.grant(orderId, "auth-" + orderId);
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(Topics.AUTHORIZATIONS.name(), headers, grant);
        TestSigning.keyOf("regulator-service").signer().sign(headers, value);
        byte[] altered = new String(value, StandardCharsets.UTF_8).replace(orderId, other)
                .getBytes(StandardCharsets.UTF_8);
        headers.remove("ce_subject");
        headers.add("ce_subject", other.getBytes(StandardCharsets.UTF_8));

        // when
        kafka.sendRaw(Topics.AUTHORIZATIONS.name(), other, altered, headers);

        // then
        assertThat(reasonFor(other)).startsWith("SIGNATURE_REJECTED").contains("core digest differs");
        assertThat(OrderApi.status(other)).isEqualTo("REQUESTED");
        assertThat(eventTypes(other)).containsExactly("OrderRequestedEvent");
    }

    /** A grant for a fresh order, claiming {@code source}. */
    private static Envelope claiming(String source, String label) {
        String orderId = OrderApi.requestOrder("forged-" + label + "-" + UUID.randomUUID());
        Envelope real = Decisions.grant(orderId, "auth-" + orderId);
        return new Envelope(real.id(), real.type(), source, real.time(), real.subject(), real.event());
    }

    private void assertForgeryRefused(Envelope forged, EventSigner signer, String code, String reason) {
        // given the order the forgery names, still waiting for its decision
        String orderId = forged.subject();
        List<String> before = eventTypes(orderId);

        // when the forgery is produced straight onto the topic
        kafka.send(Topics.AUTHORIZATIONS.name(), forged, signer);

        // then it is dead-lettered with its reason, and the order is as it was
        assertThat(reasonFor(orderId)).startsWith(code).contains(reason);
        assertThat(OrderApi.status(orderId)).isEqualTo("REQUESTED");
        assertThat(eventTypes(orderId)).isEqualTo(before);

        // and a record nobody can attribute to the regulator holds nothing back: its real
        // decision still applies (a record a trusted producer signed but the contract refuses
        // holds its order's later records, as every other dead letter does)
        if (code.equals("SIGNATURE_REJECTED")) {
            kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-real-" + orderId));
            await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        }
    }

    private List<String> eventTypes(String orderId) {
        return eventStore.readEvents(orderId, 0).asStream().map(EventMessage::getPayloadType)
                .map(Class::getSimpleName).toList();
    }

    private static String reasonFor(String key) {
        ConsumerRecord<String, byte[]> dead = await().atMost(WAIT).until(() -> kafka.readAll(DLT,
                Duration.ofSeconds(5)).stream().filter(r -> key.equals(r.key())).findFirst().orElse(null),
                r -> r != null);
        return new String(dead.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8);
    }
}
