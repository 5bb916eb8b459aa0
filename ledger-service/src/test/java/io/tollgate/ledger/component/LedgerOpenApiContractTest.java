package io.tollgate.ledger.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.testkit.OpenApiContract;
import io.tollgate.eventing.testkit.TollgateTestResource;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** ledger-service's OpenAPI document keeps the contract rules, is the one committed, and lints clean. */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class LedgerOpenApiContractTest {

    private static final String STORED = "docs/api/ledger-service.json";

    @TestHTTPResource("/")
    URI base;

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
        contract.assertStoredAs(STORED);
    }

    @Test
    void committedDocumentLintsClean() throws Exception {
        // given: the committed document, which the test above holds equal to the generated one
        // when / then: no error and no warning from the pinned redocly
        OpenApiContract.lint(STORED);
    }
}
