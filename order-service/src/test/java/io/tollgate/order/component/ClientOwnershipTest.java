package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Callers own their keys and orders, against the running service (real broker and database): two
 * ERP clients may both send one Idempotency-Key and get two orders; neither reads, lists or cancels
 * the other's (a 404, as for no order at all); a 409 names only the caller's own order; the order
 * desk, treasury and auditors read every client's orders.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class ClientOwnershipTest {

    private static final String FIRST = Roles.ERP;
    private static final String SECOND = TestUsers.ERP_2;

    @Inject
    Databases databases;

    @Test
    void twoClientsReusingOneKeyGetTwoOrdersAndNeitherSeesTheOthers() {
        // given
        String key = "PO-4711-" + UUID.randomUUID();
        String customer = "two-clients-" + UUID.randomUUID();

        // when
        String mine = post(FIRST, key, OrderApi.body(customer)).statusCode(202).extract().path("orderId");
        String theirs = post(SECOND, key, OrderApi.body(customer)).statusCode(202).extract().path("orderId");

        // then
        assertThat(theirs).isNotEqualTo(mine);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(2);
        assertThat(post(FIRST, key, OrderApi.body(customer)).statusCode(202).extract().<String>path("orderId"))
                .isEqualTo(mine);
        assertThat(post(SECOND, key, OrderApi.body(customer)).statusCode(202).extract().<String>path("orderId"))
                .isEqualTo(theirs);
        as(FIRST).when().get("/api/v1/orders/" + mine).then().statusCode(200);
        as(FIRST).when().get("/api/v1/orders/" + theirs).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        as(SECOND).when().get("/api/v1/orders/" + mine).then().statusCode(404);
        assertThat(listed(FIRST, customer)).containsExactly(mine);
        assertThat(listed(SECOND, customer)).containsExactly(theirs);
    }

    @Test
    void aConflictNamesOnlyTheCallersOwnOrder() {
        // given: the second client used the key first, then the first client uses it for another body
        String key = "PO-4711-" + UUID.randomUUID();
        String customer = "conflict-" + UUID.randomUUID();
        String theirs = post(SECOND, key, OrderApi.body(customer)).statusCode(202).extract().path("orderId");
        String mine = post(FIRST, key, OrderApi.body(customer)).statusCode(202).extract().path("orderId");

        // when
        ValidatableResponse conflict = post(FIRST, key, OrderApi.body(customer, "H200-NVL", 10, "30000.00", "USD"));

        // then
        conflict.statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("detail", containsString(mine)).body(not(containsString(theirs)));
    }

    @Test
    void anErpClientCancelsOnlyItsOwnOrderAndAnothersLooksAbsent() {
        // given
        String customer = "cancel-" + UUID.randomUUID();
        String theirs = post(SECOND, UUID.randomUUID().toString(), OrderApi.body(customer)).statusCode(202)
                .extract().path("orderId");
        String absent = UUID.randomUUID().toString();

        // when
        var other = as(FIRST).when().post("/api/v1/orders/" + theirs + "/cancellation").then().extract();
        var none = as(FIRST).when().post("/api/v1/orders/" + absent + "/cancellation").then().extract();

        // then: the same answer as for an order that does not exist, and nothing changed
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.<String>path("code")).isEqualTo(none.<String>path("code"));
        assertThat(other.<String>path("detail")).isEqualTo(none.<String>path("detail").replace(absent, theirs));
        as(SECOND).when().get("/api/v1/orders/" + theirs).then().statusCode(200).body("status", equalTo("REQUESTED"));
        as(SECOND).when().post("/api/v1/orders/" + theirs + "/cancellation").then().statusCode(202)
                .body("status", equalTo("CANCELLED"));
    }

    @Test
    void theOrderDeskTreasuryAndAuditorsReadEveryClientsOrders() {
        // given
        String customer = "desk-" + UUID.randomUUID();
        String mine = post(FIRST, UUID.randomUUID().toString(), OrderApi.body(customer)).statusCode(202)
                .extract().path("orderId");
        String theirs = post(SECOND, UUID.randomUUID().toString(), OrderApi.body(customer)).statusCode(202)
                .extract().path("orderId");

        // when / then
        for (String reader : List.of(Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR)) {
            as(reader).when().get("/api/v1/orders/" + mine).then().statusCode(200);
            as(reader).when().get("/api/v1/orders/" + theirs).then().statusCode(200);
            assertThat(listed(reader, customer)).containsExactly(mine, theirs);
        }
        as(Roles.ORDER_DESK).when().post("/api/v1/orders/" + mine + "/cancellation").then().statusCode(403);
    }

    private static ValidatableResponse post(String user, String key, String body) {
        return OrderApi.post(as(user), key, body);
    }

    private static List<String> listed(String user, String customer) {
        return as(user).queryParam("customerId", customer).when().get("/api/v1/orders").then().statusCode(200)
                .extract().jsonPath().getList("items.orderId");
    }
}
