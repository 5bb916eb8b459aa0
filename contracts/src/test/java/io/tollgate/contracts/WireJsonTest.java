package io.tollgate.contracts;

import static io.tollgate.contracts.ContractAssertions.assertViolation;
import static io.tollgate.contracts.ContractAssertions.bytes;
import static io.tollgate.contracts.ContractAssertions.recordOf;
import static io.tollgate.contracts.ContractAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON rules of the wire, checked on every event type through its sample. */
class WireJsonTest {

    static Stream<String> types() {
        return EventTypes.knownTypes().stream().sorted();
    }

    static Stream<WireEvent> records() {
        return Stream.concat(WireEventSamples.all().stream(), WireEventSamples.sparse().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void sampleFixtureReadsAsTheMothersRecord(String type) {
        // given
        byte[] sample = WireEventSamples.sampleJson(type);

        // when
        WireEvent read = WireJson.read(sample, recordOf(type));

        // then
        assertThat(read).isEqualTo(WireEventSamples.of(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void sampleFixtureRewritesToTheCanonicalBytes(String type) {
        // given
        byte[] canonical = WireJson.write(WireEventSamples.of(type));

        // when
        WireEvent read = WireJson.read(WireEventSamples.sampleJson(type), recordOf(type));
        byte[] rewritten = WireJson.write(read);

        // then
        assertThat(text(rewritten)).isEqualTo(text(canonical));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void sampleFixtureHoldsExactlyTheCanonicalFields(String type) {
        // given
        JsonNode sample = ContractSchemas.parse(WireEventSamples.sampleJson(type));

        // when
        JsonNode canonical = ContractSchemas.parse(WireJson.write(WireEventSamples.of(type)));

        // then the fixture differs from the canonical form in whitespace only
        assertThat(sample).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void writeReadWriteIsByteStable(WireEvent event) {
        // given
        byte[] canonical = WireJson.write(event);

        // when
        WireEvent read = WireJson.read(canonical, event.getClass());

        // then
        assertThat(read).isEqualTo(event);
        assertThat(WireJson.write(read)).isEqualTo(canonical);
    }

    @Test
    void absentOptionalFieldsAreLeftOutNotWrittenAsNull() {
        // given
        OrderRequestedV1 sparse = WireEventSamples.orderRequestedWithoutOptionalFields();

        // when
        String json = text(WireJson.write(sparse));

        // then
        assertThat(json).doesNotContain("null", "usageScenario", "erpReference", "requestedBy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void unknownFieldsAreToleratedAtEveryLevel(String type) {
        // given a producer one additive version ahead
        ObjectNode newer = (ObjectNode) WireFields.sample(type).deepCopy();
        newer.put("introducedLater", "ignored by older readers");
        newer.putObject("laterBlock").put("nested", 1);
        newer.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                ((ObjectNode) field.getValue()).put("alsoLater", true);
            }
        });

        // when
        WireEvent read = WireJson.read(bytes(newer), recordOf(type));

        // then
        assertThat(read).isEqualTo(WireEventSamples.of(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tollgate.contracts.WireFields#required")
    void missingRequiredFieldIsRejectedNamingIt(WireFields.FieldCase field) {
        // given
        byte[] json = bytes(field.sampleWithout());

        // when / then
        assertViolation(() -> WireJson.read(json, recordOf(field.ceType())), field.dotted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tollgate.contracts.WireFields#required")
    void explicitNullInARequiredFieldIsRejectedNamingIt(WireFields.FieldCase field) {
        // given
        ObjectNode json = field.sampleWithout();
        field.parentIn(json).putNull(field.name());

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), recordOf(field.ceType())), field.dotted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tollgate.contracts.WireFields#optional")
    void missingOptionalFieldIsAccepted(WireFields.FieldCase field) {
        // given
        byte[] json = bytes(field.sampleWithout());

        // when
        WireEvent read = WireJson.read(json, recordOf(field.ceType()));

        // then
        assertThat(read.orderId()).isEqualTo(WireEventSamples.ORDER_ID);
    }

    /** A nested record's own check names the whole path, so a REST client knows which amount. */
    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            tollgate.order.requested.v1       | /grossAmount/amount | "1e6"     | grossAmount.amount
            tollgate.order.requested.v1       | /unitPrice/currency | "usd"     | unitPrice.currency
            tollgate.order.requested.v1       | /unitPrice/amount   | "1.001"   | unitPrice.amount
            tollgate.authorization.granted.v1 | /usExport/track     | "EU"      | usExport.track
            tollgate.authorization.granted.v1 | /conditions/payee   | "  "      | conditions.payee
            tollgate.authorization.denied.v1  | /reasons/0/code     | "  "      | reasons[0].code
            tollgate.revenue-share.paid.v1    | /amount/amount      | "0.00"    | amount
            tollgate.order.cancelled.v1       | /previousStatus     | "DENIED"  | previousStatus
            tollgate.authorization.supply-passed-over.v1 | /supply           | "document" | supply
            tollgate.authorization.supply-passed-over.v1 | /supplyEventId    | "supply-1" | supplyEventId
            tollgate.authorization.supply-passed-over.v1 | /applicationState | "granted"  | applicationState
            """)
    void brokenNestedValueIsRejectedNamingItsFullPath(String type, String pointer, String value,
                                                     String field) {
        // given
        ObjectNode json = WireFields.sampleWith(type, pointer, value);

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), recordOf(type)), field);
    }

    @Test
    void authorizedCancellationWithoutTheVoidedGrantIsRejected() {
        // given
        ObjectNode json = (ObjectNode) WireFields.sample(OrderCancelledV1.TYPE).deepCopy();
        json.remove("voidedAuthorizationId");

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderCancelledV1.class),
                "voidedAuthorizationId");
    }

    @Test
    void aPassedOverDocumentWithoutItsKindOrAScenarioWithOneIsRejected() {
        // given
        ObjectNode document = (ObjectNode) WireFields.sample(SupplyPassedOverV1.TYPE).deepCopy();
        document.remove("documentKind");
        ObjectNode scenarioWithKind = ((ObjectNode) WireFields.sample(SupplyPassedOverV1.TYPE).deepCopy())
                .put("supply", SupplyPassedOverV1.USAGE_SCENARIO);

        // when / then
        assertViolation(() -> WireJson.read(bytes(document), SupplyPassedOverV1.class), "documentKind");
        assertViolation(() -> WireJson.read(bytes(scenarioWithKind), SupplyPassedOverV1.class), "documentKind");
    }

    @Test
    void fractionalQuantityIsRejectedNotTruncated() {
        // given
        ObjectNode json = WireFields.sampleWith(OrderRequestedV1.TYPE, "/quantity", "1000.7");

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderRequestedV1.class), "quantity");
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(strings = {"31500.00", "31500", "true"})
    void moneyAmountThatIsNotAJsonStringIsRejected(String literal) {
        // given a producer that wrote the amount as a number (a float, once parsed) or a boolean
        ObjectNode json = WireFields.sampleWith(OrderRequestedV1.TYPE, "/unitPrice/amount",
                literal);

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderRequestedV1.class),
                "unitPrice.amount");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "null", "[]", "\"text\"", "{\"orderId\":", "not json at all"})
    void bodyThatIsNotAnEventObjectIsRejectedAsData(String body) {
        // when / then
        assertViolation(() -> WireJson.read(bytes(body), OrderRequestedV1.class), "data");
    }

    @Test
    void trailingGarbageAfterTheEventIsRejected() {
        // given
        String sample = text(WireEventSamples.sampleJson(OrderRequestedV1.TYPE));
        String json = sample + " {\"orderId\":\"x\"}";

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderRequestedV1.class), "data");
    }

    @Test
    void instantsAreWrittenAsIsoUtcStrings() {
        // given
        AuthorizationGrantedV1 granted = WireEventSamples.authorizationGranted();

        // when
        JsonNode json = ContractSchemas.parse(WireJson.write(granted));

        // then
        assertThat(json.get("occurredAt").isTextual()).isTrue();
        assertThat(json.get("occurredAt").asText()).isEqualTo("2025-12-09T08:15:31.482Z");
    }

    @Test
    void moneyIsWrittenAsAStringAmountAndCurrencyOnly() {
        // given
        RevenueSharePaidV1 paid = WireEventSamples.revenueSharePaid();

        // when
        JsonNode amount = ContractSchemas.parse(WireJson.write(paid)).get("amount");

        // then derived getters (value, minorUnits, ...) stay off the wire
        assertThat(amount.get("amount").isTextual()).isTrue();
        assertThat(amount.get("amount").asText()).isEqualTo("7875000.00");
        assertThat(amount.fieldNames()).toIterable().containsExactly("amount", "currency");
    }
}
