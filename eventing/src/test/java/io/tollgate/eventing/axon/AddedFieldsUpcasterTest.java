package io.tollgate.eventing.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddedFieldsUpcasterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Sample(String id, String destination) {
    }

    private final AddedFieldsUpcaster upcaster = new AddedFieldsUpcaster(Sample.class, "1", "2",
            Map.of("destination", TextNode.valueOf("CN")));

    @Test
    void aStoredPayloadWithoutTheFieldGetsItsDefault() throws Exception {
        // given
        JsonNode stored = JSON.readTree("{\"id\":\"a\"}");

        // when
        JsonNode upcast = upcaster.withAddedFields(stored);

        // then
        assertThat(upcast.toString()).isEqualTo("{\"id\":\"a\",\"destination\":\"CN\"}");
        assertThat(stored.has("destination")).as("the stored payload is not edited").isFalse();
    }

    @Test
    void aFieldAlreadyStoredIsKept() throws Exception {
        // given
        JsonNode stored = JSON.readTree("{\"id\":\"a\",\"destination\":\"MO\"}");

        // when / then
        assertThat(upcaster.withAddedFields(stored).get("destination").asText()).isEqualTo("MO");
    }

    @Test
    void aPayloadThatIsNoObjectIsABrokenStoreAndFailsAtOnce() throws Exception {
        assertThatThrownBy(() -> upcaster.withAddedFields(JSON.readTree("[1]")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a JSON object");
    }

    @Test
    void anUpcastThatChangesNothingIsAProgrammingError() {
        assertThatThrownBy(() -> new AddedFieldsUpcaster(Sample.class, "2", "2",
                Map.of("destination", TextNode.valueOf("CN")))).isInstanceOf(IllegalArgumentException.class);
    }
}
