package io.tollgate.eventing.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The three checks every service's OpenAPI document passes, once: a service's test extends this as
 * a {@code @QuarkusTest} and names its committed document. The document keeps the contract rules
 * ({@link OpenApiContract#violations()}), is the one committed, and lints clean.
 */
public abstract class OpenApiContractCase {

    @TestHTTPResource("/")
    URI base;

    /** The committed document, relative to the repository root, e.g. docs/api/order-service.json. */
    protected abstract String stored();

    @Test
    void everyOperationIsDocumentedTypedAndExemplified() throws Exception {
        // given / when
        OpenApiContract contract = OpenApiContract.of(base);
        // then
        assertThat(contract.violations()).isEmpty();
    }

    @Test
    void committedDocumentEqualsTheGeneratedOne() throws Exception {
        // given
        OpenApiContract contract = OpenApiContract.of(base);
        // when / then
        contract.assertStoredAs(stored());
    }

    @Test
    void committedDocumentLintsClean() throws Exception {
        // given: the committed document, which the test above holds equal to the generated one
        // when / then: no error and no warning from the pinned redocly
        OpenApiContract.lint(stored());
    }
}
