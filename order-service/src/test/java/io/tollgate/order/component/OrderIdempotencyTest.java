package io.tollgate.order.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/** One Idempotency-Key, one order: repeats, different bodies and concurrent requests. */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OrderIdempotencyTest {

    private static final int CONCURRENT_REQUESTS = 8;

    @Inject
    Databases databases;
    @Inject
    EventStore eventStore;

    @Test
    void theSameKeyWithTheSameBodyAnswersTheSameOrder() {
        // given
        String key = UUID.randomUUID().toString();
        String customer = "same-body-" + UUID.randomUUID();
        String first = OrderApi.post(key, OrderApi.body(customer)).statusCode(202)
                .header("Location", startsWith("http")).body("status", equalTo("REQUESTED"))
                .extract().path("orderId");

        // when: the same request again, with the money written differently but equal
        String again = OrderApi.post(key, OrderApi.body(customer).replace("31500.00", "31500.0"))
                .statusCode(202).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/orders/" + first))
                .extract().path("orderId");

        // then
        assertThat(again).isEqualTo(first);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(1);
        assertThat(eventStore.readEvents(first).asStream().count()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        // given
        String key = UUID.randomUUID().toString();
        String customer = "other-body-" + UUID.randomUUID();
        String first = OrderApi.post(key, OrderApi.body(customer)).statusCode(202).extract().path("orderId");

        // when / then
        OrderApi.post(key, OrderApi.body(customer, "H200-NVL", 10, "30000.00", "USD"))
                .statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"))
                .body("field", equalTo("Idempotency-Key"));
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(1);
        assertThat(OrderApi.status(first)).isEqualTo("REQUESTED");
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
        // given
        String key = UUID.randomUUID().toString();
        String customer = "concurrent-" + UUID.randomUUID();
        String body = OrderApi.body(customer);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        try {
            // when: all requests are released at once
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return OrderApi.post(key, body).statusCode(202).extract().<String>path("orderId");
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then
        Set<String> orderIds = answers.stream().map(CompletableFuture::join).collect(Collectors.toSet());
        assertThat(orderIds).hasSize(1);
        assertThat(Stored.ordersOfCustomer(databases, customer)).isEqualTo(1);
        assertThat(Stored.count(databases, "SELECT COUNT(*) FROM order_client_request_key WHERE idempotency_key = ?", key))
                .isEqualTo(1);
    }

    @Test
    void sixtyFourConcurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        // given 64 requests released at once: 40 new orders, 8 repeats of one key and body, 8 on one
        // key with two different bodies, and 8 invalid ones (each a different rule)
        String run = UUID.randomUUID().toString().substring(0, 8);
        String repeatedKey = "repeat-" + run;
        String contestedKey = "contest-" + run;
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            requests.add(new Request("new-" + run + "-" + i, OrderApi.body("mix-" + run + "-" + i)));
        }
        for (int i = 0; i < 8; i++) {
            requests.add(new Request(repeatedKey, OrderApi.body("mix-" + run + "-repeat")));
            requests.add(new Request(contestedKey, OrderApi.body("mix-" + run + "-contest-" + (i % 2))));
        }
        List<String> invalid = List.of(
                OrderApi.body("mix-" + run + "-bad-0", "H200-SXM-141GB", 0, "31500.00", "USD"),
                OrderApi.body("mix-" + run + "-bad-1", "H200-SXM-141GB", 10, "-1.00", "USD"),
                OrderApi.body("mix-" + run + "-bad-2", "H200-SXM-141GB", 10, "1.00", "XXZ"),
                OrderApi.body("mix-" + run + "-bad-3", "H200-SXM-141GB", 2_000_000, "1.00", "USD"),
                OrderApi.body("mix-" + run + "-bad-4", "", 10, "1.00", "USD"),
                OrderApi.body("mix-" + run + "-bad-5").replace("\"quantity\":1000", "\"quantity\":\"ten\""),
                OrderApi.body("mix-" + run + "-bad-6").replace("}", "").replace("\"PO-4711\"", "\"PO-4711\"}"),
                "{\"customerId\":\"mix-" + run + "-bad-7\"}");
        for (int i = 0; i < invalid.size(); i++) {
            requests.add(new Request("bad-" + run + "-" + i, invalid.get(i)));
        }

        // when
        List<Answer> answers = sendAtOnce(requests);

        // then every new order is its own, every repeat answers the one order of its key
        for (int i = 0; i < 40; i++) {
            assertThat(answers.get(i).status()).isEqualTo(202);
            assertThat(Stored.ordersOfCustomer(databases, "mix-" + run + "-" + i)).isEqualTo(1);
        }
        assertThat(answers.stream().limit(40).map(Answer::orderId).distinct()).hasSize(40);
        List<Answer> repeats = answers.subList(40, 56).stream().filter(a -> a.key().equals(repeatedKey)).toList();
        assertThat(repeats).allMatch(a -> a.status() == 202);
        assertThat(repeats.stream().map(Answer::orderId).distinct()).hasSize(1);
        assertThat(Stored.ordersOfCustomer(databases, "mix-" + run + "-repeat")).isEqualTo(1);
        // the contested key holds one order; the other body's requests were told 409
        List<Answer> contested = answers.subList(40, 56).stream().filter(a -> a.key().equals(contestedKey)).toList();
        assertThat(contested.stream().filter(a -> a.status() == 202).map(Answer::orderId).distinct()).hasSize(1);
        assertThat(contested).allMatch(a -> a.status() == 202 || a.status() == 409);
        assertThat(contested.stream().filter(a -> a.status() == 202).count()).isEqualTo(4);
        assertThat(Stored.ordersOfCustomer(databases, "mix-" + run + "-contest-0")
                + Stored.ordersOfCustomer(databases, "mix-" + run + "-contest-1")).isEqualTo(1);
        // and nothing was stored for a bad request, each of which was answered 4xx problem+json
        for (int i = 0; i < invalid.size(); i++) {
            Answer bad = answers.get(56 + i);
            assertThat(bad.status()).as(bad.body()).isBetween(400, 499);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(Stored.ordersOfCustomer(databases, "mix-" + run + "-bad-" + i)).isZero();
            assertThat(Stored.count(databases, "SELECT COUNT(*) FROM order_client_request_key WHERE idempotency_key = ?",
                    bad.key())).isZero();
        }
    }

    private record Request(String key, String body) {
    }

    private record Answer(String key, int status, String orderId, String contentType, String body) {
    }

    private static List<Answer> sendAtOnce(List<Request> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        try {
            for (Request request : requests) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    var response = OrderApi.post(request.key(), request.body()).extract();
                    String orderId = response.statusCode() == 202 ? response.path("orderId") : null;
                    return new Answer(request.key(), response.statusCode(), orderId, response.contentType(),
                            response.asString());
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void theSamePaymentKeyRecordsOnePayment() {
        // given: an authorized order (the grant arrives over Kafka in other tests; here a payment to
        // a REQUESTED order is refused, so the key must not be burnt by the refusal)
        String orderId = OrderApi.requestOrder("payment-key-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();

        // when
        OrderApi.pay(orderId, key, "100.00", "USD", "UST-1").statusCode(409)
                .body("code", equalTo("ORDER_NOT_AUTHORIZED"));
        OrderApi.pay(orderId, key, "100.00", "USD", "UST-1").statusCode(409);

        // then
        assertThat(eventStore.readEvents(orderId).asStream().count()).isEqualTo(1);
    }

    @Test
    void concurrentPaymentsNeverAddUpToMoreThanTheDue() throws Exception {
        // given: an authorized order owing 25.00 USD
        String orderId = OrderApi.requestOrder("concurrent-pay-" + UUID.randomUUID(), 100, "1.00");
        try (KafkaProbe kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers())) {
            kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        try {
            // when: eight payments of 10.00 race; at most two fit into 25.00
            for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
                String key = "race-" + i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return OrderApi.pay(orderId, key, "10.00", "USD", "UST-" + key).extract().statusCode();
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // then: every answer is an acceptance or a refusal, and what was accepted is what is paid
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).allMatch(s -> s == 202 || s == 409 || s == 422);
        long accepted = statuses.stream().filter(s -> s == 202).count();
        assertThat(accepted).isBetween(1L, 2L);
        OrderApi.get(orderId).body("revenueSharePaid.amount", equalTo(accepted == 2 ? "20.00" : "10.00"));
        assertThat(eventStore.readEvents(orderId, 0).asStream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("RevenueSharePaidEvent")).count())
                .isEqualTo(accepted);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
