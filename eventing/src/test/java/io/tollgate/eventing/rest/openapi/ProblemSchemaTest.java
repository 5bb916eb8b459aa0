package io.tollgate.eventing.rest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.eventing.rest.Problem;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

/** The problem schema every document declares names exactly the fields {@link Problem} sends. */
class ProblemSchemaTest {

    @Test
    void theSchemaHasOnePropertyPerProblemFieldInTheSameOrder() {
        // given
        Schema schema = SharedComponents.problemSchema();
        // when
        var fields = Arrays.stream(Problem.class.getRecordComponents()).map(RecordComponent::getName).toList();
        // then
        assertThat(schema.getProperties().keySet()).containsExactlyElementsOf(fields);
        assertThat(fields).containsAll(schema.getRequired());
        assertThat(schema.getProperties().values()).allSatisfy(p -> assertThat(p.getDescription()).isNotBlank());
    }
}
