package io.tollgate.contracts;

import static io.tollgate.contracts.ContractAssertions.assertViolation;
import static io.tollgate.contracts.ContractAssertions.bytes;
import static io.tollgate.contracts.ContractAssertions.recordOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas agree with the records: what the records write validates, what the
 * records require the schemas require, and unknown fields pass both.
 */
class WireSchemaTest {

    static Stream<String> types() {
        return EventTypes.knownTypes().stream().sorted();
    }

    static Stream<WireEvent> records() {
        return Stream.concat(WireEventSamples.all().stream(), WireEventSamples.sparse().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void sampleFixtureConformsToItsSchema(String type) {
        // given
        byte[] sample = WireEventSamples.sampleJson(type);

        // when
        List<String> violations = ContractSchemas.violations(type, sample);

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyRecordWireJsonWritesConformsToItsSchema(WireEvent event) {
        // given
        byte[] json = WireJson.write(event);

        // when
        List<String> violations = ContractSchemas.violations(EventTypes.typeOf(event), json);

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaRequiresExactlyTheRecordsRequiredFields(String type) {
        // given
        Class<? extends WireEvent> recordType = recordOf(type);

        // when
        JsonNode schema = ContractSchemas.document(type);

        // then
        assertThat(names(schema.get("required")))
                .containsExactlyInAnyOrderElementsOf(WireFields.requiredNames(recordType));
        assertThat(names(schema.get("properties")))
                .as("every record component is documented")
                .containsExactlyInAnyOrderElementsOf(WireFields.componentNames(recordType));
        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tollgate.contracts.WireFields#required")
    void schemaRejectsAMissingRequiredField(WireFields.FieldCase field) {
        // given
        ObjectNode json = field.sampleWithout();

        // when
        List<String> violations = ContractSchemas.violations(field.ceType(), json);

        // then
        assertThat(violations).anySatisfy(v -> assertThat(v).contains(field.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tollgate.contracts.WireFields#optional")
    void schemaAcceptsAMissingOptionalField(WireFields.FieldCase field) {
        // given
        ObjectNode json = field.sampleWithout();

        // when
        List<String> violations = ContractSchemas.violations(field.ceType(), json);

        // then
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaToleratesUnknownFieldsAtEveryLevel(String type) {
        // given
        ObjectNode newer = (ObjectNode) WireFields.sample(type).deepCopy();
        newer.put("introducedLater", "ignored by older readers");
        newer.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                ((ObjectNode) field.getValue()).put("alsoLater", true);
            }
        });

        // when
        List<String> violations = ContractSchemas.violations(type, newer);

        // then
        assertThat(violations).isEmpty();
    }

    @Test
    void schemaRequiresTheVoidedGrantOnlyWhenAnAuthorizedOrderIsCancelled() {
        // given
        ObjectNode authorized = (ObjectNode) WireFields.sample(OrderCancelledV1.TYPE).deepCopy();
        authorized.remove("voidedAuthorizationId");
        ObjectNode requested = authorized.deepCopy().put("previousStatus", "REQUESTED");

        // when
        List<String> ofAuthorized = ContractSchemas.violations(OrderCancelledV1.TYPE, authorized);
        List<String> ofRequested = ContractSchemas.violations(OrderCancelledV1.TYPE, requested);

        // then
        assertThat(ofAuthorized).anySatisfy(v -> assertThat(v).contains("voidedAuthorizationId"));
        assertThat(ofRequested).isEmpty();
    }

    @Test
    void schemaRequiresTheDocumentKindOnlyWhenADocumentIsPassedOver() {
        // given a passed-over document without its kind, and a passed-over scenario with one
        ObjectNode document = (ObjectNode) WireFields.sample(SupplyPassedOverV1.TYPE).deepCopy();
        document.remove("documentKind");
        ObjectNode scenario = document.deepCopy().put("supply", SupplyPassedOverV1.USAGE_SCENARIO);
        ObjectNode scenarioWithKind = scenario.deepCopy().put("documentKind", "LAB_TEST_REPORT");
        ObjectNode unknownSupply = document.deepCopy().put("supply", "EXPORT_LICENCE");

        // when
        List<String> ofDocument = ContractSchemas.violations(SupplyPassedOverV1.TYPE, document);
        List<String> ofScenario = ContractSchemas.violations(SupplyPassedOverV1.TYPE, scenario);
        List<String> ofScenarioWithKind = ContractSchemas.violations(SupplyPassedOverV1.TYPE, scenarioWithKind);
        List<String> ofUnknownSupply = ContractSchemas.violations(SupplyPassedOverV1.TYPE, unknownSupply);

        // then
        assertThat(ofDocument).anySatisfy(v -> assertThat(v).contains("documentKind"));
        assertThat(ofScenario).isEmpty();
        assertThat(ofScenarioWithKind).isNotEmpty();
        assertThat(ofUnknownSupply).as("an open set: a later name is read").isEmpty();
    }

    /**
     * Each row breaks one rule of the contract; the schema must catch it. The last column records
     * what {@link WireJson} does with the same JSON: it rejects all but two readings of an instant
     * that name the same moment unambiguously, which a tolerant reader may accept.
     */
    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            tollgate.order.requested.v1   | /unitPrice/amount   | 31500.00     | rejects
            tollgate.order.requested.v1   | /unitPrice/amount   | "3.15e4"     | rejects
            tollgate.order.requested.v1   | /unitPrice/amount   | "31,500.00"  | rejects
            tollgate.order.requested.v1   | /unitPrice/amount   | "+31500.00"  | rejects
            tollgate.order.requested.v1   | /unitPrice/amount   | "031500.00"  | rejects
            tollgate.order.requested.v1   | /unitPrice/amount   | ".5"         | rejects
            tollgate.order.requested.v1   | /unitPrice/currency | "usd"        | rejects
            tollgate.order.requested.v1   | /unitPrice/currency | "US"         | rejects
            tollgate.order.requested.v1   | /quantity           | 0            | rejects
            tollgate.order.requested.v1   | /quantity           | "1000"       | rejects
            tollgate.order.requested.v1   | /quantity           | 1000.5       | rejects
            tollgate.order.requested.v1   | /customerName       | "   "        | rejects
            tollgate.order.requested.v1   | /occurredAt | "2025-12-09 08:15:30Z"      | rejects
            tollgate.order.requested.v1   | /occurredAt | "2025-12-09T09:15:30+01:00" | tolerates
            tollgate.order.requested.v1   | /occurredAt | 1765268130                  | tolerates
            tollgate.authorization.granted.v1 | /conditions/revenueShareRate | "1.5"  | rejects
            tollgate.authorization.granted.v1 | /conditions/revenueShareRate | 0.25   | rejects
            tollgate.authorization.granted.v1 | /usExport/track     | "EU_EXPORT"   | rejects
            tollgate.authorization.granted.v1 | /cnImport/outcome   | "MAYBE"       | rejects
            tollgate.authorization.denied.v1  | /reasons            | []            | rejects
            tollgate.revenue-share.paid.v1    | /amount/amount      | "0.00"        | rejects
            tollgate.revenue-share.paid.v1    | /amount/amount      | "-10.00"      | rejects
            tollgate.order.cancelled.v1       | /previousStatus     | "DENIED"      | rejects
            tollgate.order.document-supplied.v1 | /kind             | "PASSPORT"    | rejects
            tollgate.order.document-supplied.v1 | /sha256           | "not-a-digest" | rejects
            tollgate.order.document-supplied.v1 | /issuedOn         | "2025/12/08"  | rejects
            tollgate.order.document-supplied.v1 | /issuer           | "   "         | rejects
            tollgate.authorization.supply-passed-over.v1 | /supply            | "document"    | rejects
            tollgate.authorization.supply-passed-over.v1 | /supplyEventId     | "supply-1"    | rejects
            tollgate.authorization.supply-passed-over.v1 | /documentKind      | "PASSPORT"    | rejects
            tollgate.authorization.supply-passed-over.v1 | /applicationState  | "granted"     | rejects
            tollgate.authorization.supply-passed-over.v1 | /applicationState  | ""            | rejects
            """)
    void schemaRejectsWhatBreaksTheContract(String type, String pointer, String value,
                                           String wireJson) {
        // given
        ObjectNode json = WireFields.sampleWith(type, pointer, value);

        // when
        List<String> violations = ContractSchemas.violations(type, json);

        // then
        assertThat(violations).isNotEmpty();
        if (wireJson.equals("rejects")) {
            assertViolation(() -> WireJson.read(bytes(json), recordOf(type)));
        } else {
            assertThat(WireJson.read(bytes(json), recordOf(type)).occurredAt())
                    .isEqualTo(Instant.parse("2025-12-09T08:15:30Z"));
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
