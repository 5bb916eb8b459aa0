package io.tollgate.regulator.component;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.testkit.OpenApiContractCase;
import io.tollgate.eventing.testkit.TollgateTestResource;

/** regulator-service's OpenAPI document keeps the contract rules, is the one committed, and lints clean. */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class RegulatorOpenApiContractTest extends OpenApiContractCase {

    @Override
    protected String stored() {
        return "docs/api/regulator-service.json";
    }
}
