package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.regulator.api.Quarter;
import java.time.Instant;

/**
 * US shipments reported the way the ERP reports them. For tests whose subject is not the US-volume
 * cap: ample units of a class in the current quarter, so the cap lets their grants through.
 */
final class UsShipments {

    /** Half of this is far more than any test grants. */
    static final long AMPLE_UNITS = 1_000_000_000L;

    private UsShipments() {
    }

    /**
     * Reports {@link #AMPLE_UNITS} of {@code productClass} in the current quarter, once per test
     * application: the same report id again is answered as recorded (201 the first time, 200 after).
     */
    static void ample(String productClass) {
        String period = Quarter.of(Instant.now());
        given().auth().preemptive().basic(Roles.ERP, TestUsers.password(Roles.ERP)).contentType(ContentType.JSON)
                .body("{\"reportId\":\"ample-" + productClass.replace(' ', '-') + "-" + period + "\",\"productClass\":\""
                        + productClass + "\",\"period\":\"" + period + "\",\"units\":" + AMPLE_UNITS + "}")
                .when().post("/api/v1/us-volume/reports").then().statusCode(anyOf(equalTo(201), equalTo(200)));
    }
}
