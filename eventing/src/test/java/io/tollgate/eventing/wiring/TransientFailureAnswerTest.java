package io.tollgate.eventing.wiring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import org.junit.jupiter.api.Test;

/**
 * A request that fails because the database is briefly away is answered 503 with Retry-After, so
 * the client retries with its Idempotency-Key; a lasting database error stays an internal error.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class TransientFailureAnswerTest {

    @Test
    void exhaustedPoolAnswers503WithRetryAfterAsProblemJson() {
        // given: an ERP caller

        // when: the request meets a real Agroal acquisition timeout
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .when().post("/probe/orders/o-1/pool-exhausted")

        // then
                .then().statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "2")
                .body("code", equalTo("TEMPORARILY_UNAVAILABLE"))
                .body("status", equalTo(503));
    }

    @Test
    void lastingDatabaseErrorStaysAnInternalError() {
        // given: an ERP caller

        // when: the request meets a NOT NULL violation (a bug, not a passing fault)
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP))
                .when().post("/probe/orders/o-1/not-null")

        // then
                .then().statusCode(500)
                .body("code", equalTo("INTERNAL_ERROR"));
    }
}
