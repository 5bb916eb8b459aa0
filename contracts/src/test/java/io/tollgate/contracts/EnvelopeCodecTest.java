package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.testkit.WireEventSamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CloudEvents 1.0 binary mode over real Kafka record headers: what goes out comes back. */
class EnvelopeCodecTest {

    private static final String TOPIC = Topics.ORDERS.name();

    static Stream<String> requiredHeaders() {
        return Stream.of("ce_id", "ce_type", "ce_source", "ce_time", "ce_subject",
                "ce_specversion");
    }

    static Stream<Envelope> envelopes() {
        return WireEventSamples.all().stream().map(WireEventSamples::envelope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void encodedEnvelopeDecodesToTheSameEnvelope(Envelope envelope) {
        // given
        String topic = EventTypes.topicOf(envelope.event()).name();
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(topic, headers, envelope);

        // when
        Envelope decoded = EnvelopeCodec.decode(topic, headers, value);

        // then
        assertThat(decoded).isEqualTo(envelope);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void encodedRecordCarriesEveryCloudEventsHeaderAndTheCanonicalBody(Envelope envelope) {
        // given
        Headers headers = new RecordHeaders();

        // when
        byte[] value = EnvelopeCodec.encode(TOPIC, headers, envelope);

        // then
        assertThat(text(headers)).containsEntry("ce_id", envelope.id())
                .containsEntry("ce_type", envelope.type())
                .containsEntry("ce_source", envelope.source())
                .containsEntry("ce_time", envelope.time().toString())
                .containsEntry("ce_subject", envelope.event().orderId())
                .containsEntry("ce_specversion", Envelope.SPEC_VERSION)
                .containsEntry("content-type", EnvelopeCodec.CONTENT_TYPE);
        assertThat(value).isEqualTo(WireJson.write(envelope.event()));
    }

    @Test
    void nanosecondTimeSurvivesTheHeaders() {
        // given
        Instant precise = Instant.parse("2025-12-10T09:30:00.123456789Z");
        OrderCancelledV1 cancelled = new OrderCancelledV1(WireEventSamples.ORDER_ID, "REQUESTED",
                null, null, precise, null);
        Envelope envelope = Envelope.of("71a8f2d5-4c9e-4b03-9d6a-3f5b8e0c2d19",
                WireEventSamples.ORDER_SERVICE_SOURCE, cancelled);
        Headers headers = new RecordHeaders();

        // when
        byte[] value = EnvelopeCodec.encode(TOPIC, headers, envelope);
        Envelope decoded = EnvelopeCodec.decode(TOPIC, headers, value);

        // then
        assertThat(decoded.time()).isEqualTo(precise);
        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void topicSerdeRoundTripsThroughTheSameCodec() {
        // given
        Envelope envelope = WireEventSamples.envelope(WireEventSamples.revenueSharePaid());
        Headers headers = new RecordHeaders();

        // when
        byte[] value;
        Envelope decoded;
        try (EnvelopeSerde serde = new EnvelopeSerde();
             Serializer<Envelope> serializer = serde.serializer();
             Deserializer<Envelope> deserializer = serde.deserializer()) {
            value = serializer.serialize(TOPIC, headers, envelope);
            decoded = deserializer.deserialize(TOPIC, headers, value);
        }

        // then
        assertThat(decoded).isEqualTo(envelope);
    }

    @Test
    void serdeRefusesToWriteWithoutHeaders() {
        // given
        Serializer<Envelope> serializer = new EnvelopeSerde().serializer();
        Envelope envelope = WireEventSamples.envelope(WireEventSamples.orderRequested());

        // when / then
        assertThatThrownBy(() -> serializer.serialize(TOPIC, envelope))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("headers");
    }

    @Test
    void unknownTypeIsRejectedNamingTheType() {
        // given
        Headers headers = encodedHeaders();
        replace(headers, "ce_type", "tollgate.order.shipped.v1");

        // when / then
        assertViolation(headers, body(), "ce_type", "tollgate.order.shipped.v1");
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("requiredHeaders")
    void missingCloudEventsHeaderIsRejected(String header) {
        // given
        Headers headers = encodedHeaders();
        headers.remove(header);

        // when / then
        assertViolation(headers, body(), header, header + " header is missing");
    }

    @Test
    void recordWithNoHeadersAtAllIsRejected() {
        // given
        Headers headers = new RecordHeaders();

        // when / then the first header the contract requires is named
        assertViolation(headers, body(), "ce_specversion", "header is missing");
        assertThat(EnvelopeCodec.REQUIRED_HEADERS).first().isEqualTo("ce_specversion");
    }

    @Test
    void idThatIsNotAUuidIsRejected() {
        // given
        Headers headers = encodedHeaders();
        replace(headers, "ce_id", "order-4711");

        // when / then
        assertViolation(headers, body(), "ce_id", "UUID");
    }

    @Test
    void subjectThatIsNotTheOrderIdIsRejected() {
        // given
        Headers headers = encodedHeaders();
        replace(headers, "ce_subject", "some-other-order");

        // when / then
        assertViolation(headers, body(), "ce_subject", "orderId");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void eachTypeIsRefusedOnTheOtherTopic(Envelope envelope) {
        // given a record of a type on the topic it does not belong to
        String wrongTopic = EventTypes.topicOf(envelope.event()).equals(Topics.ORDERS)
                ? Topics.AUTHORIZATIONS.name() : Topics.ORDERS.name();
        Headers headers = new RecordHeaders();
        byte[] value = EnvelopeCodec.encode(wrongTopic, headers, envelope);

        // when / then
        assertThatThrownBy(() -> EnvelopeCodec.decode(wrongTopic, headers, value))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("ce_type")
                .hasMessageContaining("published on " + EventTypes.topicOf(envelope.event()).name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envelopes")
    void eachTypeIsRefusedFromAnotherSource(Envelope envelope) {
        // given the record as another service, or anyone else, would claim to have sent it
        String topic = EventTypes.topicOf(envelope.event()).name();
        String own = Provenance.sourceOf(envelope.event());
        for (String claimed : List.of(Provenance.ORDER_SERVICE, Provenance.REGULATOR_SERVICE,
                "/tollgate/ledger-service", "/somewhere-else", own + "/")) {
            if (claimed.equals(own)) {
                continue;
            }
            Envelope forged = new Envelope(envelope.id(), envelope.type(), claimed, envelope.time(),
                    envelope.subject(), envelope.event());
            Headers headers = new RecordHeaders();
            byte[] value = EnvelopeCodec.encode(topic, headers, forged);

            // when / then
            assertThatThrownBy(() -> EnvelopeCodec.decode(topic, headers, value))
                    .as("%s from %s", envelope.type(), claimed)
                    .isInstanceOf(ContractViolationException.class)
                    .hasMessageContaining("ce_source")
                    .hasMessageContaining("must be " + own);
        }
    }

    @Test
    void typeHeaderThatDoesNotMatchTheBodyIsRejected() {
        // given a grant's body under the request's type
        Headers headers = encodedHeaders();
        byte[] grant = WireJson.write(WireEventSamples.authorizationGranted());

        // when / then
        assertThatThrownBy(() -> EnvelopeCodec.decode(TOPIC, headers, grant))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void specVersionOtherThanOneIsRejected() {
        // given
        Headers headers = encodedHeaders();
        replace(headers, "ce_specversion", "0.3");

        // when / then
        assertViolation(headers, body(), "ce_specversion", "1.0");
    }

    @Test
    void unparseableTimeIsRejected() {
        // given
        Headers headers = encodedHeaders();
        replace(headers, "ce_time", "yesterday");

        // when / then
        assertViolation(headers, body(), "ce_headers", "time");
    }

    @ParameterizedTest(name = "body: {0}")
    @ValueSource(strings = {"{\"orderId\":", "garbage", "<xml/>", "null", "[1,2]"})
    void bodyThatIsNotTheEventsJsonIsRejected(String body) {
        // given
        Headers headers = encodedHeaders();

        // when / then
        assertViolation(headers, body.getBytes(StandardCharsets.UTF_8), "data", "");
    }

    @Test
    void emptyOrTombstoneBodyIsRejected() {
        // given
        Headers headers = encodedHeaders();

        // when / then
        assertViolation(headers, new byte[0], "data", "empty");
        assertViolation(encodedHeaders(), null, "data", "empty");
    }

    @Test
    void envelopeOfTakesTimeAndSubjectFromTheEvent() {
        // given
        AuthorizationGrantedV1 granted = WireEventSamples.authorizationGranted();

        // when
        Envelope envelope = Envelope.of("5d2a9c7e-0f41-4e63-8b9a-1c6f3e8d4a27",
                WireEventSamples.REGULATOR_SERVICE_SOURCE, granted);

        // then
        assertThat(envelope.type()).isEqualTo(AuthorizationGrantedV1.TYPE);
        assertThat(envelope.time()).isEqualTo(granted.occurredAt());
        assertThat(envelope.subject()).isEqualTo(granted.orderId());
    }

    private static Headers encodedHeaders() {
        Headers headers = new RecordHeaders();
        Envelope envelope = WireEventSamples.envelope(WireEventSamples.orderRequested());
        EnvelopeCodec.encode(TOPIC, headers, envelope);
        return headers;
    }

    private static byte[] body() {
        return WireJson.write(WireEventSamples.orderRequested());
    }

    private static void replace(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> text(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header header : headers) {
            out.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void assertViolation(Headers headers, byte[] value, String field,
                                        String messagePart) {
        String message = ContractAssertions.assertViolation(
                () -> EnvelopeCodec.decode(TOPIC, headers, value), field);
        assertThat(message).contains(messagePart);
    }
}
