package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bulk intake throughput (tagged {@code benchmark}, excluded from the default build): in one run,
 * {@code order.bench.singles} orders through {@code POST /api/v1/orders} from 16 concurrent clients
 * (the baseline), then one batch of {@code order.bench.lines} lines; reports the upload (parse and
 * store every line) and the batch's lines/s to the last order, beside the baseline.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@Tag("benchmark")
class BatchBenchmarkTest {

    private static final int LINES = Integer.getInteger("order.bench.lines", 20_000);
    private static final int SINGLES = Integer.getInteger("order.bench.singles", 2_000);
    private static final int CLIENTS = 16;

    @Inject
    Databases databases;

    @Test
    void batchLinesPerSecondBesideSingleRequests() throws Exception {
        // baseline: single requests, 16 at a time
        String singles = "bench-single-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long singleStart = System.nanoTime();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < SINGLES; i++) {
            sent.add(clients.submit(() -> OrderApi.post(as(Roles.ERP), UUID.randomUUID().toString(),
                    OrderApi.body(singles)).statusCode(202)));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        double singleS = (System.nanoTime() - singleStart) / 1e9;
        clients.shutdown();

        // the batch
        String customer = "bench-batch-" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            body.append(OrderApi.body(customer).replaceFirst("\\{", "{\"idempotencyKey\":\"B" + i + "-" + customer
                    + "\",")).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        long uploadStart = System.nanoTime();
        String batchId = as(Roles.ERP).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/x-ndjson").body(bytes).when().post("/api/v1/order-batches").then()
                .statusCode(202).extract().path("batchId");
        double uploadS = (System.nanoTime() - uploadStart) / 1e9;
        JsonPath done = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> as(Roles.ERP).when().get("/api/v1/order-batches/" + batchId).then().extract()
                        .jsonPath(), page -> "DONE".equals(page.getString("state")));
        double batchS = (System.nanoTime() - uploadStart) / 1e9;

        assertThat(done.getInt("accepted")).isEqualTo(LINES);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(LINES);
        System.out.printf("BATCH-BENCH db=%s singles=%d single_orders_per_s=%.0f lines=%d body_bytes=%d"
                        + " upload_s=%.2f upload_lines_per_s=%.0f batch_s=%.1f batch_lines_per_s=%.0f ratio=%.2f%n",
                databases.kind(), SINGLES, SINGLES / singleS, LINES, bytes.length, uploadS, LINES / uploadS,
                batchS, LINES / batchS, (LINES / batchS) / (SINGLES / singleS));
    }
}
