package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema registry names one schema file per wire event, and every file it names exists. */
class SchemasTest {

    static Stream<String> types() {
        return EventTypes.knownTypes().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyKnownTypeHasASchemaOnTheClasspathWhoseIdMatches(String type) throws IOException {
        // given
        String resource = Schemas.resourceFor(type);

        // when
        JsonNode schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            schema = ContractSchemas.parse(in.readAllBytes());
        }

        // then
        assertThat(resource).isEqualTo("schemas/" + type + ".schema.json");
        assertThat(schema.get("$id").asText()).isEqualTo(Schemas.idFor(type));
        assertThat(schema.get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("title").asText())
                .isEqualTo(EventTypes.classOf(type).orElseThrow().getSimpleName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyKnownTypeHasASampleFixture(String type) {
        // when
        byte[] sample = WireEventSamples.sampleJson(type);

        // then
        assertThat(sample).isNotEmpty();
        assertThat(EventTypes.typeOf(WireEventSamples.of(type))).isEqualTo(type);
    }

    @Test
    void schemaFolderHoldsExactlyTheEventSchemasAndTheSharedOnes()
            throws IOException, URISyntaxException {
        // given
        URL folder = getClass().getClassLoader().getResource(Schemas.RESOURCE_DIR);
        List<String> expected = new ArrayList<>(Schemas.SHARED);
        types().map(Schemas::fileName).forEach(expected::add);
        Schemas.RECORD_TYPES.stream().map(Schemas::fileName).forEach(expected::add);

        // when
        List<String> present;
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            present = files.map(path -> path.getFileName().toString()).toList();
        }

        // then no orphan schema hides in the folder, and none is missing
        assertThat(present).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void sharedSchemasAreReachableUnderTheSameIdBase() throws IOException {
        for (String shared : Schemas.SHARED) {
            // when
            JsonNode schema;
            String resource = Schemas.RESOURCE_DIR + shared;
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                schema = ContractSchemas.parse(in.readAllBytes());
            }

            // then
            assertThat(schema.get("$id").asText()).isEqualTo(Schemas.ID_BASE + shared);
        }
    }

    @Test
    void unknownTypeHasNoSchema() {
        // when / then
        assertThatThrownBy(() -> Schemas.resourceFor("tollgate.order.shipped.v1"))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("tollgate.order.shipped.v1");
        assertThatThrownBy(() -> Schemas.fileName(null))
                .isInstanceOf(ContractViolationException.class);
    }
}
