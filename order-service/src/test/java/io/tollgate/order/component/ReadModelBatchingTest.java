package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.order.api.OrderRequestedEvent;
import io.tollgate.order.query.OrderProjection;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The read model and the change feed written in batches (a bulk part's new orders in two JDBC
 * batches, the feed's rows per processor batch): the rows are the ones a single request writes,
 * a failure while writing a unit of work's rows leaves none of them, and every order of a batch
 * is numbered into the feed once, after every row before it.
 */
@QuarkusTest
@QuarkusTestResource(io.tollgate.eventing.testkit.TollgateTestResource.class)
class ReadModelBatchingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** More than a part (128 lines), so the batch has a full part and a short one. */
    private static final int LINES = 130;
    private static final String VIEW_COLUMNS = "customer_id, customer_name, product_sku, product_family,"
            + " quantity, currency, unit_price, gross_amount, revenue_share_paid, status, usage_scenario,"
            + " erp_reference, last_sequence, client";

    @Inject
    SqlStatements sql;
    @Inject
    OrderProjection projection;

    @Test
    void aPartsRowsAreTheRowsEachOrderWouldGetAlone() {
        // given the same 130 order bodies, once as single requests and once as one batch
        String customer = "rows-" + UUID.randomUUID();
        List<String> singles = new ArrayList<>();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            String body = OrderApi.body(customer, "H200-SXM-141GB", i, i + ".25", "USD");
            singles.add(OrderApi.post(as(Roles.ERP), UUID.randomUUID().toString(), body).statusCode(202)
                    .extract().path("orderId"));
            ndjson.append(body.replaceFirst("\\{", "{\"idempotencyKey\":\"" + customer + "-" + i + "\","))
                    .append('\n');
        }

        // when
        List<String> batched = batchOrders(ndjson.toString());

        // then: the same read-model rows and history rows, order for order
        assertThat(batched).hasSize(LINES);
        for (int i = 0; i < LINES; i++) {
            assertThat(view(batched.get(i))).as("line " + (i + 1)).isEqualTo(view(singles.get(i)));
            assertThat(history(batched.get(i))).as("line " + (i + 1)).isEqualTo(history(singles.get(i)));
        }
    }

    @Test
    void aFailureWhileWritingAUnitsNewOrdersLeavesNoneOfThem() {
        // given an order already in the read model
        String taken = "taken-" + UUID.randomUUID();
        project(List.of(requested(taken)));
        List<String> others = new ArrayList<>();
        List<DomainEventMessage<?>> unit = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String orderId = "other-" + i + "-" + UUID.randomUUID();
            others.add(orderId);
            unit.add(requested(orderId));
        }
        unit.add(3, requested(taken)); // its row exists: the batch fails there, after three rows

        // when
        assertThatThrownBy(() -> project(unit)).hasStackTraceContaining("cannot write the read model of 6 new orders");

        // then
        for (String orderId : others) {
            assertThat(count("SELECT COUNT(*) FROM order_view WHERE order_id = ?", orderId)).isZero();
            assertThat(count("SELECT COUNT(*) FROM order_history WHERE order_id = ?", orderId)).isZero();
        }
        assertThat(count("SELECT COUNT(*) FROM order_history WHERE order_id = ?", taken)).isEqualTo(1);
    }

    @Test
    void everyOrderOfABatchIsNumberedIntoTheFeedOnceAfterTheRowsBefore() {
        // given
        String customer = "feed-rows-" + UUID.randomUUID();
        long before = sql.queryOne("SELECT COALESCE(MAX(position), 0) FROM order_change", r -> r.getLong(1))
                .orElseThrow();
        StringBuilder ndjson = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            ndjson.append(OrderApi.body(customer, "H200-SXM-141GB", i, "31500.00", "USD")
                    .replaceFirst("\\{", "{\"idempotencyKey\":\"" + customer + "-" + i + "\",")).append('\n');
        }

        // when
        List<String> orders = batchOrders(ndjson.toString());

        // then: one REQUESTED row per order, owned by the caller, numbered after every earlier row
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM order_change c JOIN order_view v"
                + " ON v.order_id = c.order_id WHERE v.customer_id = ?", customer) == LINES);
        List<Map<String, Object>> rows = sql.query("SELECT c.order_id, c.position, c.status, c.client,"
                + " c.change_type FROM order_change c JOIN order_view v ON v.order_id = c.order_id"
                + " WHERE v.customer_id = ? ORDER BY c.position", r -> Map.<String, Object>of(
                        "orderId", r.getString(1), "position", r.getLong(2), "status", r.getString(3),
                        "client", r.getString(4), "type", r.getString(5)), customer);
        assertThat(rows).extracting(r -> r.get("orderId")).containsExactlyInAnyOrderElementsOf(orders);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("REQUESTED");
            assertThat(r.get("client")).isEqualTo(Roles.ERP);
            assertThat(r.get("type")).isEqualTo("OrderRequested");
            assertThat((Long) r.get("position")).isGreaterThan(before);
        });
        assertThat(rows.stream().map(r -> (Long) r.get("position")).distinct().count()).isEqualTo(LINES);
    }

    /** Uploads the lines as one batch, waits until it is done and answers its orders in line order. */
    private static List<String> batchOrders(String ndjson) {
        String batchId = as(Roles.ERP).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8)).when().post("/api/v1/order-batches").then()
                .statusCode(202).extract().path("batchId");
        await().atMost(WAIT).until(() -> "DONE".equals(as(Roles.ERP).when()
                .get("/api/v1/order-batches/" + batchId).then().extract().path("state")));
        JsonPath lines = as(Roles.ERP).queryParam("limit", 500).when()
                .get("/api/v1/order-batches/" + batchId + "/lines").then().statusCode(200).extract().jsonPath();
        assertThat(lines.<String>getList("items.state")).containsOnly("ACCEPTED");
        return lines.getList("items.orderId");
    }

    /** The projection's handling of {@code events} in one unit of work and transaction, as Axon runs it. */
    private void project(List<DomainEventMessage<?>> events) {
        QuarkusTransaction.requiringNew().run(() -> {
            DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(events.get(0));
            try {
                for (DomainEventMessage<?> event : events) {
                    projection.on((OrderRequestedEvent) event.getPayload(), event);
                }
                unit.commit();
            } catch (RuntimeException e) {
                if (unit.isActive()) {
                    unit.rollback(e);
                }
                throw e;
            }
        });
    }

    private static DomainEventMessage<?> requested(String orderId) {
        OrderRequestedEvent event = new OrderRequestedEvent(orderId, "c-rows", "Rows Ltd.", "H200-NVL", "hopper",
                2, new Money("100.00", "USD"), new Money("200.00", "USD"), null, "PO-1", Roles.ERP,
                Instant.parse("2026-12-06T10:00:00Z"), Roles.ERP, "CN", TransactionKind.EXPORT, null, null);
        return new GenericDomainEventMessage<>("Order", orderId, 0, event,
                MetaData.with(PrincipalInterceptor.PRINCIPAL, Roles.ERP));
    }

    private String view(String orderId) {
        return sql.queryOne("SELECT " + VIEW_COLUMNS + " FROM order_view WHERE order_id = ?", r -> {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                values.add(String.valueOf(r.getObject(i)));
            }
            return String.join("|", values);
        }, orderId).orElseThrow();
    }

    /**
     * The order's history rows with who caused each: a batch line's events name the uploader, as
     * the same body sent alone does.
     */
    private String history(String orderId) {
        return sql.query("SELECT sequence_number, event_type, summary, principal FROM order_history"
                        + " WHERE order_id = ? ORDER BY sequence_number",
                r -> r.getLong(1) + "|" + r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4), orderId)
                .stream().collect(Collectors.joining("\n"));
    }

    private long count(String select, String parameter) {
        return sql.queryOne(select, r -> r.getLong(1), parameter).orElseThrow();
    }
}
