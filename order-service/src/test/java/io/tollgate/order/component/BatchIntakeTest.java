package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.rest.LargeBodyAdmission;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bulk intake against the running service (real broker and database): a batch is stored and
 * answered at once, then each line becomes one order under its own key, or is rejected with the
 * problem a single request would get; a retried batch or line never makes a second order; a batch
 * left by an instance that died is taken over and finished; whole-batch faults are refused up front.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class BatchIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String BATCHES = "/api/v1/order-batches";

    @Inject
    Databases databases;
    @Inject
    SqlStatements sql;
    @Inject
    LargeBodyAdmission admission;

    @Test
    void eachNdjsonLineBecomesOneOrderOrItsProblem() {
        // given 40 good lines and three bad ones
        String customer = "batch-" + UUID.randomUUID();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(line("L" + i + "-" + customer, customer, 10 + i));
        }
        lines.add(5, line("bad-qty-" + customer, customer, 0));
        lines.add(10, OrderApi.body(customer));
        lines.add(20, line("typo-" + customer, customer, 1).replace("\"quantity\"", "\"quantty\""));

        // when
        JsonPath accepted = upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson",
                String.join("\n", lines) + "\n").statusCode(202).extract().jsonPath();
        String batchId = accepted.getString("batchId");

        // then
        assertThat(accepted.getInt("lines")).isEqualTo(43);
        JsonPath done = awaitDone(Roles.ERP, batchId);
        assertThat(done.getInt("accepted")).isEqualTo(40);
        assertThat(done.getInt("rejected")).isEqualTo(3);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(40);
        List<Map<String, Object>> rejected = results(Roles.ERP, batchId, "REJECTED");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(6, 11, 21);
        assertThat(rejected).extracting(r -> (Object) ((Map<?, ?>) r.get("problem")).get("field"))
                .containsExactly("quantity", "idempotencyKey", "quantty");
        List<Map<String, Object>> good = results(Roles.ERP, batchId, "ACCEPTED");
        assertThat(good).hasSize(40).allSatisfy(r -> assertThat(r.get("orderId")).isNotNull());
        as(Roles.ERP).when().get("/api/v1/orders/" + good.get(0).get("orderId")).then().statusCode(200)
                .body("quantity", equalTo(10))
                .body("history[0].principal", equalTo(Roles.ERP));
    }

    @Test
    void csvLinesWithQuotedFieldsBecomeOrders() {
        String customer = "batch-csv-" + UUID.randomUUID();
        String csv = "idempotencyKey,customerId,customerName,product,quantity,unitPrice,currency,erpReference\n"
                + "C1-" + customer + "," + customer + ",\"Acme, \"\"Labs\"\" Ltd.\",H200-SXM-141GB,8,31500.00,USD,PO-1\n"
                + "\n"
                + "C2-" + customer + "," + customer + ",Acme,H200-SXM-141GB,nine,31500.00,USD,PO-2\n";

        String batchId = upload(Roles.ERP, UUID.randomUUID().toString(), "text/csv", csv).statusCode(202)
                .extract().path("batchId");

        JsonPath done = awaitDone(Roles.ERP, batchId);
        assertThat(done.getInt("accepted")).isEqualTo(1);
        List<Map<String, Object>> all = results(Roles.ERP, batchId, null);
        assertThat(all).extracting(r -> r.get("line")).containsExactly(2, 4);
        as(Roles.ERP).when().get("/api/v1/orders/" + all.get(0).get("orderId")).then().statusCode(200)
                .body("customerName", equalTo("Acme, \"Labs\" Ltd."));
        assertThat(((Map<?, ?>) all.get(1).get("problem")).get("field")).isEqualTo("quantity");
    }

    @Test
    void aRetriedBatchOrLineNeverMakesASecondOrder() {
        // given a batch of two lines, done
        String customer = "batch-retry-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = line("R1-" + customer, customer, 1) + "\n" + line("R2-" + customer, customer, 2) + "\n";
        String first = upload(Roles.ERP, key, "application/x-ndjson", body).statusCode(202).extract().path("batchId");
        awaitDone(Roles.ERP, first);

        // when: the same upload again, the same key with another body, and one line in a new batch
        ValidatableResponse again = upload(Roles.ERP, key, "application/x-ndjson", body).statusCode(202);
        upload(Roles.ERP, key, "application/x-ndjson", line("R3-" + customer, customer, 3)).statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        String second = upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson",
                line("R2-" + customer, customer, 2)).statusCode(202).extract().path("batchId");
        awaitDone(Roles.ERP, second);

        // then
        again.body("batchId", equalTo(first)).header("Idempotent-Replayed", "true");
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(2);
        assertThat(results(Roles.ERP, second, "ACCEPTED").get(0).get("orderId"))
                .isEqualTo(results(Roles.ERP, first, "ACCEPTED").get(1).get("orderId"));
    }

    @Test
    void linesThatCannotShareTheirPartsCommitAreAnsweredOneByOne() {
        // given a single order under key S (quantity 5), and a batch whose lines share one part:
        // S again with another body, key D twice with one body, and D once more with another body
        String customer = "batch-part-" + UUID.randomUUID();
        String single = "S-" + customer;
        OrderApi.post(as(Roles.ERP), single, OrderApi.body(customer, "H200-SXM-141GB", 5, "31500.00", "USD"))
                .statusCode(202);
        String body = String.join("\n", line("A-" + customer, customer, 1), line(single, customer, 6),
                line("D-" + customer, customer, 3), line("D-" + customer, customer, 3),
                line("E-" + customer, customer, 4), line("D-" + customer, customer, 7)) + "\n";

        // when
        String batchId = upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson", body)
                .statusCode(202).extract().path("batchId");

        // then: one order per new key, the repeated key answers its order, reused keys are 409s
        JsonPath done = awaitDone(Roles.ERP, batchId);
        assertThat(done.getInt("accepted")).isEqualTo(4);
        assertThat(done.getInt("rejected")).isEqualTo(2);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(4);
        List<Map<String, Object>> rejected = results(Roles.ERP, batchId, "REJECTED");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(2, 6);
        assertThat(rejected).extracting(r -> (Object) ((Map<?, ?>) r.get("problem")).get("code"))
                .containsOnly("IDEMPOTENCY_KEY_REUSED");
        List<Map<String, Object>> accepted = results(Roles.ERP, batchId, "ACCEPTED");
        assertThat(accepted).extracting(r -> r.get("line")).containsExactly(1, 3, 4, 5);
        assertThat(accepted.get(1).get("orderId")).isEqualTo(accepted.get(2).get("orderId"));
        assertThat(accepted).extracting(r -> r.get("orderId")).doesNotContainNull();
        assertThat(accepted.stream().map(r -> r.get("orderId")).distinct()).hasSize(3);
    }

    @Test
    void aBatchLeftByAnInstanceThatDiedIsTakenOverAndFinished() {
        // given a batch as an instance would leave it when killed: one line accepted, two pending,
        // its lease held by that instance and run out
        String customer = "batch-orphan-" + UUID.randomUUID();
        String batchId = upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson",
                line("O1-" + customer, customer, 1)).statusCode(202).extract().path("batchId");
        awaitDone(Roles.ERP, batchId);
        String orphan = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO order_batch (batch_id, client, idempotency_key, request_hash, format,"
                    + " line_count, accepted_count, created_at, worker, lease_until) SELECT ?, client, ?,"
                    + " request_hash, format, 3, 1, created_at, 'dead-instance', ? FROM order_batch WHERE batch_id = ?",
                    orphan, "orphan-" + orphan, Instant.now().minusSeconds(5), batchId);
            sql.update("INSERT INTO order_batch_line (batch_id, line_no, idempotency_key, body, state, order_id,"
                    + " attempts) SELECT ?, 1, idempotency_key, body, state, order_id, 0 FROM order_batch_line"
                    + " WHERE batch_id = ?", orphan, batchId);
            for (int n = 2; n <= 3; n++) {
                sql.update("INSERT INTO order_batch_line (batch_id, line_no, idempotency_key, body, state,"
                        + " attempts) SELECT ?, ?, ?, body, 'PENDING', 0 FROM order_batch_line WHERE batch_id = ?",
                        orphan, n, "O" + n + "-" + customer, batchId);
            }
        });

        // when / then: this instance takes it over and finishes it, the accepted line untouched
        JsonPath done = awaitDone(Roles.ERP, orphan);
        assertThat(done.getInt("accepted")).isEqualTo(3);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(3);
    }

    @Test
    void wholeBatchFaultsAreRefusedBeforeAnythingIsStored() {
        String key = UUID.randomUUID().toString();
        upload(Roles.ERP, key, "text/csv", "idempotencyKey,customerId,colour\n").statusCode(422)
                .contentType("application/problem+json").body("code", equalTo("UNKNOWN_FIELD"))
                .body("field", equalTo("colour"));
        upload(Roles.ERP, key, "application/x-ndjson", "\n\n").statusCode(400).body("field", equalTo("body"));
        upload(Roles.ERP, key, "text/plain", "x").statusCode(415);
        String tooMany = "{}\n".repeat(100_001);
        upload(Roles.ERP, key, "application/x-ndjson", tooMany).statusCode(422)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("field", equalTo("body"));
        assertThat(Stored.count(databases, "SELECT COUNT(*) FROM order_batch WHERE idempotency_key = ?", key))
                .isZero();
        as(Roles.ORDER_DESK).header("Idempotency-Key", key).contentType("application/x-ndjson").body("{}".getBytes(StandardCharsets.UTF_8))
                .when().post(BATCHES).then().statusCode(403);
    }

    @Test
    void anotherClientsBatchLooksAbsent() {
        String customer = "batch-owner-" + UUID.randomUUID();
        String batchId = upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson",
                line("W1-" + customer, customer, 1)).statusCode(202).extract().path("batchId");
        as(TestUsers.ERP_2).when().get(BATCHES + "/" + batchId).then().statusCode(404);
        as(TestUsers.ERP_2).when().get(BATCHES + "/" + batchId + "/lines").then().statusCode(404);
        as(Roles.AUDITOR).when().get(BATCHES + "/" + batchId).then().statusCode(200);
    }

    @Test
    void uploadsBeyondWhatTheInstanceTakesAtOnceAreRefusedBeforeTheirBody() throws Exception {
        // given as many uploads as the instance takes at once (the default 2), each stalled mid-body
        String customer = "batch-busy-" + UUID.randomUUID();
        String body = line("busy-1-" + customer, customer, 1) + "\n";
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(stalledUpload(body));
            }
            await().atMost(WAIT).until(() -> admission.freePlaces() == 0);
            // when a third comes, then it is refused at once, without its body being waited for
            upload(Roles.ERP, UUID.randomUUID().toString(), "application/x-ndjson", body).statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("code", equalTo("UPLOADS_BUSY"));
            assertThat(Stored.ordersOfCustomer(databases, customer)).isZero();
            // a caller without credentials or without the role is answered as such, not as busy
            RestAssured.given().header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).when()
                    .post(BATCHES).then().statusCode(401);
            as(Roles.AUDITOR).header("Idempotency-Key", UUID.randomUUID().toString())
                    .contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8)).when()
                    .post(BATCHES).then().statusCode(403);

            // when one stalled client goes away, then its place is free again and an upload is taken
            stalled.remove(0).close();
            String key = UUID.randomUUID().toString();
            String batchId = await().atMost(WAIT).until(() -> upload(Roles.ERP, key, "application/x-ndjson", body)
                    .extract(), answer -> answer.statusCode() == 202).path("batchId");
            assertThat(awaitDone(Roles.ERP, batchId).getInt("accepted")).isEqualTo(1);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aChunkedUploadIsCountedAsItIsReadAndRefusedPastTheLimitWithNothingStored() throws Exception {
        String customer = "batch-chunked-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        // given a body sent without a length, a little over the 32 MB limit (blank lines after one good one)
        byte[] first = (line("C1-" + customer, customer, 1) + "\n").getBytes(StandardCharsets.UTF_8);
        long total = 32L * 1024 * 1024 + 1;
        HttpResponse<String> tooLarge = chunkedUpload(key, () -> new InputStream() {
            private long sent;

            @Override
            public int read() {
                if (sent >= total) {
                    return -1;
                }
                long at = sent++;
                return at < first.length ? first[(int) at] : at % 1000 == 999 ? '\n' : ' ';
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = 0;
                while (n < length) {
                    int b = read();
                    if (b < 0) {
                        return n == 0 ? -1 : n;
                    }
                    buffer[offset + n++] = (byte) b;
                }
                return n;
            }
        });

        // then it is refused, and nothing of it was stored: the same key with a small body makes a new batch
        assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(413);
        assertThat(JsonPath.from(tooLarge.body()).getString("code")).isEqualTo("BODY_TOO_LARGE");
        assertThat(Stored.ordersOfCustomer(databases, customer)).isZero();
        HttpResponse<String> small = chunkedUpload(key, () -> new java.io.ByteArrayInputStream(first));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
        assertThat(small.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(awaitDone(Roles.ERP, JsonPath.from(small.body()).getString("batchId")).getInt("accepted"))
                .isEqualTo(1);
    }

    /** Posts a batch whose length is not declared: the JDK's client sends it chunked. */
    private static HttpResponse<String> chunkedUpload(String key, java.util.function.Supplier<InputStream> body)
            throws Exception {
        String credentials = Base64.getEncoder().encodeToString(
                (Roles.ERP + ":" + TestUsers.password(Roles.ERP)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + BATCHES))
                .header("Authorization", "Basic " + credentials).header("Idempotency-Key", key)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** An upload that sends its headers and half its body, then nothing more, holding its place. */
    private static Socket stalledUpload(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Socket socket = new Socket("127.0.0.1", RestAssured.port);
        socket.setSoTimeout((int) WAIT.toMillis());
        String credentials = Base64.getEncoder().encodeToString(
                (Roles.ERP + ":" + TestUsers.password(Roles.ERP)).getBytes(StandardCharsets.UTF_8));
        String head = "POST " + BATCHES + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\nContent-Type: application/x-ndjson"
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        return socket;
    }

    private static String line(String key, String customer, long quantity) {
        return OrderApi.body(customer, "H200-SXM-141GB", quantity, "31500.00", "USD")
                .replaceFirst("\\{", "{\"idempotencyKey\":\"" + key + "\",");
    }

    private static ValidatableResponse upload(String user, String key, String contentType, String body) {
        return as(user).header("Idempotency-Key", key).contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).when().post(BATCHES).then();
    }

    private static JsonPath awaitDone(String user, String batchId) {
        return await().atMost(WAIT).until(() -> as(user).when().get(BATCHES + "/" + batchId).then()
                .statusCode(200).extract().jsonPath(), page -> "DONE".equals(page.getString("state")));
    }

    private static List<Map<String, Object>> results(String user, String batchId, String state) {
        var request = as(user).queryParam("limit", 500);
        if (state != null) {
            request = request.queryParam("state", state);
        }
        return request.when().get(BATCHES + "/" + batchId + "/lines").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }
}
