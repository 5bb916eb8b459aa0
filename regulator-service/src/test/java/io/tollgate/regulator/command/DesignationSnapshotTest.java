package io.tollgate.regulator.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.testdata.Mother;
import org.junit.jupiter.api.Test;

/** A Designation snapshot (Jackson, as eventing's serializer writes it) keeps all of its state. */
class DesignationSnapshotTest {

    /** The mapper of eventing's Axon serializer: what production writes and reads. */
    private static final ObjectMapper MAPPER = StoredEventJson.mapper();

    @Test
    void aSnapshotRoundTripsCapRevocationAndUnitsPerQuarter() throws Exception {
        // given
        Designation designation = new Designation();
        designation.on(new CustomerDesignatedEvent(Mother.CUSTOMER, "Example AI Lab", "CN", 100L, Mother.NOW, null));
        designation.on(new UnitsReservedEvent(Mother.CUSTOMER, "o1", Mother.QUARTER, 40, Mother.NOW));
        designation.on(new DesignationRevokedEvent(Mother.CUSTOMER, Mother.NOW, null));

        // when
        String snapshot = MAPPER.writeValueAsString(designation);
        Designation restored = MAPPER.readValue(snapshot, Designation.class);

        // then
        JsonNode json = MAPPER.readTree(snapshot);
        assertThat(json.get("customerId").asText()).isEqualTo(Mother.CUSTOMER);
        assertThat(json.get("unitCapPerQuarter").asLong()).isEqualTo(100);
        assertThat(json.get("revoked").asBoolean()).isTrue();
        assertThat(json.get("unitsByQuarter").get(Mother.QUARTER).asLong()).isEqualTo(40);
        assertThat(MAPPER.writeValueAsString(restored)).isEqualTo(snapshot);
    }
}
