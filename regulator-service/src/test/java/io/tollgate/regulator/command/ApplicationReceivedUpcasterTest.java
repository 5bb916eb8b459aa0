package io.tollgate.regulator.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.json.StoredEventJson;
import io.tollgate.eventing.testkit.StoredEventReader;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * ApplicationReceivedEvent rows of revision 1 (fixture {@code stored-events/v1}, never regenerated),
 * under today's type name or the old nested one, load through the service's upcasters as revision
 * 2: an export to China with the parties not stated. Revision 2 keeps its own stored shape
 * ({@code stored-events/v2}).
 */
class ApplicationReceivedUpcasterTest {

    private static final ObjectMapper MAPPER = StoredEventJson.mapper();
    /** In RegulatorAxonModule's order: renames first, then the revision upcast. */
    private static final List<EventUpcaster> UPCASTERS = List.of(new NestedEventNamesUpcaster(),
            ApplicationReceivedUpcaster.revision1To2());

    private static final ApplicationReceivedEvent AS_UPCAST = new ApplicationReceivedEvent("order-1",
            "0b6c6c8e-6a8f-4d7f-9d55-2f0a4f6f1a01", "cust-1", "Example AI Lab", "H200-NVL", "H200", 10,
            "Training and inference of Chinese-language models for a university research lab", "2026-Q4",
            Instant.parse("2026-11-02T09:00:00Z"), Instant.parse("2026-11-02T09:00:01Z"), "CN",
            TransactionKind.EXPORT, null, null);

    @Test
    void aRevisionOneRowLoadsAsAnExportToChinaWithThePartiesNotStated() {
        // given
        byte[] stored = StoredEventReader.fixture("stored-events/v1/ApplicationReceivedEvent.json");

        // when
        Object loaded = StoredEventReader.read(UPCASTERS, ApplicationReceivedEvent.class.getName(), "1", stored);

        // then
        assertThat(loaded).isEqualTo(AS_UPCAST);
    }

    @Test
    void aRevisionOneRowUnderTheOldNestedNameIsRenamedThenUpcast() {
        // given
        byte[] stored = StoredEventReader.fixture("stored-events/v1/ApplicationReceivedEvent.json");
        String oldName = NestedEventNamesUpcaster.oldTypeName("ApplicationEvents", ApplicationReceivedEvent.class);

        // when
        Object loaded = StoredEventReader.read(UPCASTERS, oldName, "1", stored);

        // then
        assertThat(loaded).isEqualTo(AS_UPCAST);
    }

    @Test
    void aRevisionTwoRowReadsFromAndWritesItsStoredJson() throws Exception {
        // given
        ApplicationReceivedEvent event = Mother.receivedFor(Mother.REQUESTED_AT, "MY", TransactionKind.EXPORT, "MY",
                "SG");
        JsonNode stored = MAPPER.readTree(StoredEventReader.fixture("stored-events/v2/ApplicationReceivedEvent.json"));

        // when
        Object loaded = StoredEventReader.read(UPCASTERS, ApplicationReceivedEvent.class.getName(), "2",
                MAPPER.writeValueAsBytes(stored));
        JsonNode written = MAPPER.readTree(MAPPER.writeValueAsString(event));

        // then
        assertThat(ApplicationReceivedEvent.class.getAnnotation(Revision.class).value()).isEqualTo("2");
        assertThat(loaded).isEqualTo(event);
        assertThat(written).isEqualTo(stored);
    }
}
