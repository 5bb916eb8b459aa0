package io.tollgate.regulator.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.api.AssessStandingCommand;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.command.NestedEventNamesUpcaster;
import io.tollgate.regulator.policy.CustomerStanding;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * Events written before the regulator's events became top-level records are stored under their
 * nested type names ({@code DesignationEvents$CustomerDesignatedEvent}). Rows of that old shape,
 * put into the real JDBC event store, load as today's records and replay into the aggregate.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class EventsStoredUnderOldNamesTest {

    private static final ObjectMapper JSON = StoredEventJson.mapper();
    private static final String QUARTER = "2026-Q4";

    @Inject
    SqlStatements sql;
    @Inject
    EventStore eventStore;
    @Inject
    CommandGateway commands;

    @Test
    void eventsStoredUnderTheNestedNamesLoadAndReplayAsTodaysRecords() throws IOException {
        // given: a designation and a reservation as the store holds them from before the rename
        String customer = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        storeOld(customer, 0, "DesignationEvents", CustomerDesignatedEvent.class);
        storeOld(customer, 1, "DesignationEvents", UnitsReservedEvent.class);

        // when
        List<? extends DomainEventMessage<?>> loaded = eventStore.readEvents(customer).asStream().toList();
        CustomerStanding standing = QuarkusTransaction.requiringNew().call(() ->
                commands.sendAndWait(new AssessStandingCommand(customer, QUARTER)));

        // then: both rows load as the top-level records, and the aggregate replayed them
        assertThat(loaded).extracting(m -> m.getPayloadType().getName())
                .containsExactly(CustomerDesignatedEvent.class.getName(), UnitsReservedEvent.class.getName());
        assertThat(((CustomerDesignatedEvent) loaded.get(0).getPayload()).customerId()).isEqualTo(customer);
        assertThat(standing.status()).isEqualTo(CustomerStanding.Status.DESIGNATED);
        assertThat(standing.unitCapPerQuarter()).isEqualTo(50_000L);
        assertThat(standing.unitsGrantedInQuarter()).isEqualTo(10);
    }

    /** Inserts the fixture of {@code type}'s old stored shape as the event store kept it. */
    private void storeOld(String customer, long sequence, String holder, Class<?> type) throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(fixture(type.getSimpleName()));
        payload.put("customerId", customer);
        sql.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number,"
                        + " aggregate_type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), customer, sequence, "Designation", "2026-11-02T09:00:01Z",
                NestedEventNamesUpcaster.oldTypeName(holder, type), "1", JSON.writeValueAsBytes(payload),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = EventsStoredUnderOldNamesTest.class.getResourceAsStream(
                "/stored-events/v1/" + name + ".json")) {
            return in.readAllBytes();
        }
    }
}
