package io.tollgate.contracts;

import static io.tollgate.contracts.ContractAssertions.assertViolation;
import static io.tollgate.contracts.ContractAssertions.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * V1 order requests as they were stored and published read as V2 with the defaults of their era
 * (export to China, parties not stated); V2's own rules for countries and parties.
 */
class OrderRequestedUpcastTest {

    @Test
    void storedV1SampleUpcastsToAnExportToChinaWithEveryFieldKept() {
        // given
        OrderRequestedV1 v1 = WireJson.read(WireEventSamples.sampleJson(OrderRequestedV1.TYPE),
                OrderRequestedV1.class);

        // when
        OrderRequestedV2 v2 = v1.asV2();

        // then
        assertThat(v2).isEqualTo(new OrderRequestedV2(v1.orderId(), v1.customerId(), v1.customerName(),
                v1.productSku(), v1.productFamily(), v1.quantity(), v1.unitPrice(), v1.grossAmount(),
                v1.usageScenario(), v1.erpReference(), v1.occurredAt(), v1.requestedBy(), "CN",
                TransactionKind.EXPORT, null, null));
    }

    @Test
    void v1StoredBeforeRequestedByExistedUpcastsWithTheOptionalFieldsAbsent() throws IOException {
        // given
        byte[] stored = resource("samples/stored/tollgate.order.requested.v1.before-requested-by.json");

        // when
        OrderRequestedV2 v2 = WireJson.read(stored, OrderRequestedV1.class).asV2();

        // then
        assertThat(v2.orderId()).isEqualTo("9d41c2b7-5e08-4a63-b1f9-0c7e2a6d3f85");
        assertThat(v2.productFamily()).isEqualTo("hopper");
        assertThat(v2.grossAmount()).isEqualTo(new Money("232000.00", "USD"));
        assertThat(v2.occurredAt()).isEqualTo(Instant.parse("2025-11-03T02:41:07.310Z"));
        assertThat(v2.requestedBy()).isNull();
        assertThat(v2.usageScenario()).isNull();
        assertThat(v2.destination()).isEqualTo(Countries.CHINA);
        assertThat(v2.transactionKind()).isEqualTo(TransactionKind.EXPORT);
        assertThat(v2.buyerHeadquarters()).isNull();
        assertThat(v2.ultimateParentHeadquarters()).isNull();
        assertThat(ContractSchemas.violations(OrderRequestedV2.TYPE, WireJson.write(v2))).isEmpty();
    }

    @Test
    void v2IsItsOwnUpcast() {
        // given
        OrderRequestedV2 v2 = WireEventSamples.orderRequestedV2();

        // when / then
        assertThat(v2.asV2()).isSameAs(v2);
    }

    @ParameterizedTest(name = "{0} = {1} is refused")
    @CsvSource({
        "/destination,                cn",
        "/destination,                CHN",
        "/destination,                XX",
        "/destination,                ''",
        "/buyerHeadquarters,          hk",
        "/ultimateParentHeadquarters, ZZ",
        "/transactionKind,            IMPORT",
    })
    void aCountryOrTransactionKindOutsideTheListIsRefusedNamingTheField(String pointer, String value) {
        // given
        ObjectNode json = WireFields.sampleWith(OrderRequestedV2.TYPE, pointer, '"' + value + '"');

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderRequestedV2.class), pointer.substring(1));
    }

    @ParameterizedTest(name = "destination {0} without {1}")
    @CsvSource({
        "MY, buyerHeadquarters",
        "MY, ultimateParentHeadquarters",
        "DE, buyerHeadquarters",
    })
    void aDestinationOtherThanChinaOrMacauNeedsBothHeadquarters(String destination, String missing) {
        // given
        ObjectNode json = WireFields.sampleWith(OrderRequestedV2.TYPE, "/destination", '"' + destination + '"');
        json.remove(missing);

        // when / then
        assertViolation(() -> WireJson.read(bytes(json), OrderRequestedV2.class), missing);
        assertThat(ContractSchemas.violations(OrderRequestedV2.TYPE, json)).isNotEmpty();
    }

    @ParameterizedTest(name = "destination {0} may leave the headquarters out")
    @CsvSource({"CN", "MO"})
    void chinaAndMacauMayLeaveTheHeadquartersOut(String destination) {
        // given
        ObjectNode json = WireFields.sampleWith(OrderRequestedV2.TYPE, "/destination", '"' + destination + '"');
        json.remove("buyerHeadquarters");
        json.remove("ultimateParentHeadquarters");

        // when
        OrderRequestedV2 read = WireJson.read(bytes(json), OrderRequestedV2.class);

        // then
        assertThat(read.buyerHeadquarters()).isNull();
        assertThat(ContractSchemas.violations(OrderRequestedV2.TYPE, json)).isEmpty();
    }

    @Test
    void bothVersionsDecodeFromTheOrdersTopicAndOnlyV2IsWhatTypeOfNames() {
        // given
        WireEvent v1 = WireEventSamples.orderRequested();
        WireEvent v2 = WireEventSamples.orderRequestedV2();

        // when / then
        assertThat(EventTypes.typeOf(v1)).isEqualTo("tollgate.order.requested.v1");
        assertThat(EventTypes.typeOf(v2)).isEqualTo("tollgate.order.requested.v2");
        assertThat(EventTypes.topicOf(v2)).isEqualTo(Topics.ORDERS);
        assertThat(Provenance.sourceOf(v2)).isEqualTo(Provenance.ORDER_SERVICE);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OrderRequestedUpcastTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
