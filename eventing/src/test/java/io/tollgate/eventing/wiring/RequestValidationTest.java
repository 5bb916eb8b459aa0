package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import org.junit.jupiter.api.Test;

/**
 * Bean Validation annotations on a resource are answered as problem+json by eventing's mapper: a
 * request parameter is a 400 naming the parameter, a body field a 422 naming its JSON path, and a
 * value above its maximum carries LIMIT_EXCEEDED.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class RequestValidationTest {

    private static final String ORDERS = "/probe/orders";

    @Test
    void validParametersAndTheDefaultPageSizeReachTheMethod() {
        asTester().header("X-Probe-Key", "abc").when().get(ORDERS)
                .then().statusCode(200)
                .body("limit", equalTo(PageCursor.LIMIT_DEFAULT)).body("probeKey", equalTo("abc"));
    }

    @Test
    void aPageSizeAboveTheMaximumIsALimitExceededNamingTheParameter() {
        asTester().header("X-Probe-Key", "abc").when().get(ORDERS + "?limit=501")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("limit"))
                .body("status", equalTo(400)).body("detail", not(emptyOrNullString()));
    }

    @Test
    void aPageSizeBelowOneIsAnInvalidField() {
        asTester().header("X-Probe-Key", "abc").when().get(ORDERS + "?limit=0")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("limit"));
    }

    @Test
    void aPageSizeThatIsNoNumberIsAnInvalidFieldNotANotFound() {
        asTester().header("X-Probe-Key", "abc").when().get(ORDERS + "?limit=many")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("limit"));
    }

    @Test
    void aQueryParameterAboveItsLengthIsALimitExceeded() {
        asTester().header("X-Probe-Key", "abc").when().get(ORDERS + "?customerId=" + "c".repeat(41))
                .then().statusCode(400).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("field", equalTo("customerId"));
    }

    @Test
    void aMissingOrMalformedHeaderIsNamedAsTheHeader() {
        asTester().when().get(ORDERS)
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("X-Probe-Key"));
        asTester().header("X-Probe-Key", "NOT-LOWER").when().get(ORDERS)
                .then().statusCode(400).body("code", equalTo("INVALID_FIELD"))
                .body("field", equalTo("X-Probe-Key"));
    }

    @Test
    void aBodyFieldAboveItsLengthIsA422NamingItsJsonPath() {
        asTester().contentType("application/json")
                .body("{\"customerId\":\"" + "c".repeat(41) + "\",\"quantity\":1}")
                .when().post(ORDERS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("customerId"));
    }

    @Test
    void aBlankFieldInsideAListIsNamedWithItsPosition() {
        asTester().contentType("application/json")
                .body("{\"customerId\":\"x\",\"quantity\":1,\"lines\":[{\"sku\":\"a\"},{\"sku\":\" \"}]}")
                .when().post(ORDERS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("INVALID_FIELD")).body("field", equalTo("lines[1].sku"));
    }

    private static RequestSpecification asTester() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }
}
