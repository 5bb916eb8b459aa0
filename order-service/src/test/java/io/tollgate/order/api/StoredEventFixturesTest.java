package io.tollgate.order.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.eventing.testkit.StoredEventReader;
import io.tollgate.order.OrderMother;
import io.tollgate.order.command.OrderRequestedUpcaster;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stored events are forever: the JSON of every event at revision 1 (fixtures under
 * stored-events/v1) must still read as today's record and today's record must still write it. A
 * change that breaks this needs a new @Revision and an upcaster, not an edited fixture.
 */
class StoredEventFixturesTest {

    /** The mapper of eventing's Axon serializer: what production writes and reads. */
    private static final ObjectMapper MAPPER = StoredEventJson.mapper();
    private static final Serializer SERIALIZER = StoredEventJson.serializer();

    static Stream<Arguments> events() {
        return Stream.of(
                // OrderRequestedEvent is revision 2: its revision-1 fixture loads through its upcaster
                // (revisionOneOrderRequestedLoadsAsAnExportToChina).
                // Decisions as first stored: no clause (it was added as an optional component).
                Arguments.of(OrderMother.orderAuthorizedWithoutClause()),
                Arguments.of(OrderMother.orderDeniedWithoutClause()),
                Arguments.of(new AuthorizationIgnoredEvent(OrderMother.ORDER_ID, OrderMother.AUTHORIZATION_ID,
                        "GRANTED", OrderStatus.CANCELLED, OrderMother.DECIDED_AT)),
                Arguments.of(OrderMother.revenueSharePaid("p1", OrderMother.usd("100.00"))),
                Arguments.of(OrderMother.orderSettled(OrderMother.DUE)),
                Arguments.of(OrderMother.orderCancelled(OrderStatus.AUTHORIZED, OrderMother.AUTHORIZATION_ID)),
                Arguments.of(new AuthorizationPendingEvent(OrderMother.ORDER_ID, "USAGE_SCENARIO", "CN_IMPORT",
                        "USAGE_SCENARIO_MISSING", "A usage scenario is required for the CN import application:"
                        + " at least 40 characters", "2026-01-15.1", "necessity-commercial", OrderMother.DECIDED_AT)),
                Arguments.of(new UsageScenarioSuppliedEvent(OrderMother.ORDER_ID, "0f8b7c1e-5d2a-3c4b-9e6f-1a2b3c4d5e6f",
                        "LLM inference for search in the Ulanqab data centre", OrderMother.CLIENT, OrderMother.LATER)),
                Arguments.of(new DocumentSuppliedEvent(OrderMother.ORDER_ID, "3b6e1f0a-8c2d-3e4f-9a1b-2c3d4e5f6a7b",
                        io.tollgate.contracts.SuppliedDocument.of("LAB_TEST_REPORT", "US Accelerator Test Labs Inc.",
                                java.time.LocalDate.parse("2026-01-15"), java.time.LocalDate.parse("2026-03-16"),
                                "LAB-2026-0042",
                                "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b"),
                        OrderMother.CLIENT, OrderMother.LATER)),
                Arguments.of(new SupplyPassedOverEvent(OrderMother.ORDER_ID, "DOCUMENT",
                        "5b2e8c1d-7a34-4f96-b0e5-c3d9a1f4e728", io.tollgate.contracts.DocumentKind.LAB_TEST_REPORT,
                        "GRANTED", OrderStatus.AUTHORIZED, OrderMother.LATER)));
    }

    @ParameterizedTest
    @MethodSource("events")
    void revisionOneJsonReadsAsTodaysEventAndBack(Object event) throws IOException {
        // given
        Class<?> type = event.getClass();
        byte[] fixture = fixture(type);

        // when
        SerializedObject<byte[]> stored = new SimpleSerializedObject<>(fixture, byte[].class,
                new SimpleSerializedType(type.getName(), "1"));
        Object read = SERIALIZER.deserialize(stored);
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);

        // then
        assertThat(read).isEqualTo(event);
        assertThat(type.getAnnotation(Revision.class).value()).isEqualTo("1");
        assertThat(written.getType().getRevision()).isEqualTo("1");
        assertThat(MAPPER.readTree(written.getData())).isEqualTo(MAPPER.readTree(fixture));
    }

    @org.junit.jupiter.api.Test
    void revisionOneOrderRequestedLoadsAsAnExportToChina() {
        // given: the row as stored before clients owned orders and before destinations
        byte[] stored = StoredEventReader.fixture("stored-events/v1/OrderRequestedEvent.json");

        // when
        Object loaded = StoredEventReader.read(List.of(OrderRequestedUpcaster.revision1To2()),
                OrderRequestedEvent.class.getName(), "1", stored);

        // then
        assertThat(loaded).isEqualTo(OrderMother.orderRequestedWithoutClient());
    }

    @org.junit.jupiter.api.Test
    void revisionTwoOrderRequestedReadsFromAndWritesItsStoredJson() throws IOException {
        // given
        OrderRequestedEvent event = OrderMother.orderRequestedToMalaysia();
        byte[] stored = StoredEventReader.fixture("stored-events/v2/OrderRequestedEvent.json");

        // when
        Object loaded = StoredEventReader.read(List.of(OrderRequestedUpcaster.revision1To2()),
                OrderRequestedEvent.class.getName(), "2", stored);
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);

        // then
        assertThat(loaded).isEqualTo(event);
        assertThat(written.getType().getRevision()).isEqualTo("2");
        assertThat(MAPPER.readTree(written.getData())).isEqualTo(MAPPER.readTree(stored));
    }

    @org.junit.jupiter.api.Test
    void anOrderRequestedTodayKeepsItsClientThroughTheStore() throws IOException {
        // given
        OrderRequestedEvent event = OrderMother.orderRequested();

        // when
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);

        // then
        assertThat(MAPPER.readTree(written.getData()).path("client").asText()).isEqualTo(OrderMother.CLIENT);
        Object read = SERIALIZER.deserialize(written);
        assertThat(read).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("decisionsOfToday")
    void aDecisionOfTodayKeepsItsClauseThroughTheStore(Object event) throws IOException {
        // when
        SerializedObject<byte[]> written = SERIALIZER.serialize(event, byte[].class);

        // then
        assertThat(MAPPER.readTree(written.getData()).path("policyClause").asText()).isEqualTo(OrderMother.CLAUSE);
        Object read = SERIALIZER.deserialize(written);
        assertThat(read).isEqualTo(event);
    }

    static Stream<Arguments> decisionsOfToday() {
        return Stream.of(Arguments.of(OrderMother.orderAuthorized()), Arguments.of(OrderMother.orderDenied()));
    }

    private static byte[] fixture(Class<?> type) throws IOException {
        try (InputStream in = StoredEventFixturesTest.class.getResourceAsStream(
                "/stored-events/v1/" + type.getSimpleName() + ".json")) {
            assertThat(in).as("fixture for " + type.getSimpleName()).isNotNull();
            return in.readAllBytes();
        }
    }
}
