package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order change feed against the running service (real broker and database): every change of
 * an order comes once, in its order, with the status it left; a page resumes where the last ended
 * and a waiting reader is answered when the next change commits; an erp client reads only its own
 * orders' changes; the stream of server-sent events resumes from Last-Event-ID; bad cursors and
 * waits out of range are 400s naming the parameter.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class OrderChangeFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FEED = "/api/v1/order-changes";
    private static KafkaProbe kafka;

    @TestHTTPResource(FEED + "/stream")
    URL streamUrl;
    @Inject
    MeterRegistry meters;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void everyChangeOfAnOrderComesOnceInItsOrderWithTheStatusItLeft() {
        // given
        String start = end(Roles.AUDITOR);
        String orderId = OrderApi.requestOrder("feed-" + UUID.randomUUID());

        // when: granted, then paid in full
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(orderId, "auth-" + orderId));
        await().atMost(WAIT).until(() -> "AUTHORIZED".equals(OrderApi.status(orderId)));
        OrderApi.pay(orderId, "feed-" + orderId, "7875000.00", "USD", "UST-FEED-1").statusCode(202);

        // then
        List<Map<String, Object>> changes = await().atMost(WAIT)
                .until(() -> changesOf(orderId, readAll(Roles.AUDITOR, start)), c -> c.size() >= 4);
        assertThat(changes).extracting(c -> c.get("changeType"))
                .containsExactly("OrderRequested", "OrderAuthorized", "RevenueSharePaid", "OrderSettled");
        assertThat(changes).extracting(c -> c.get("status"))
                .containsExactly("REQUESTED", "AUTHORIZED", "AUTHORIZED", "SETTLED");
        assertThat(changes).extracting(c -> ((Number) c.get("sequence")).longValue())
                .containsExactly(0L, 1L, 2L, 3L);
        List<Long> positions = changes.stream().map(c -> position((String) c.get("cursor"))).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        // resuming after the last change gives nothing of it again
        assertThat(changesOf(orderId, readAll(Roles.AUDITOR, (String) changes.get(3).get("cursor")))).isEmpty();
    }

    @Test
    void aWaitingReaderIsAnsweredWhenTheNextChangeCommits() throws Exception {
        // given a reader waiting at the end of the feed
        String start = end(Roles.AUDITOR);
        CompletableFuture<JsonPath> waiting = CompletableFuture.supplyAsync(() -> as(Roles.AUDITOR)
                .queryParam("cursor", start).queryParam("waitSeconds", 25)
                .when().get(FEED).then().statusCode(200).extract().jsonPath());
        await().atMost(WAIT).until(() -> meters.get("tollgate.order.feed.waiting").gauge().value() >= 1);
        long requestedNs = System.nanoTime();

        // when
        String orderId = OrderApi.requestOrder("feed-wait-" + UUID.randomUUID());

        // then: answered with the change, not at the end of its wait
        JsonPath page = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - requestedNs)).isLessThan(Duration.ofSeconds(20));
        assertThat(page.<String>getList("items.orderId")).contains(orderId);
        assertThat(page.getString("nextCursor")).isNotBlank();
    }

    @Test
    void anEmptyPageStillCarriesTheCursorToResumeFrom() {
        String start = end(Roles.AUDITOR);
        as(TestUsers.ERP_2).queryParam("cursor", start).when().get(FEED).then().statusCode(200)
                .body("nextCursor", equalTo(start));
    }

    @Test
    void anErpClientReadsOnlyItsOwnOrdersChanges() {
        // given
        String start = end(Roles.AUDITOR);
        String customer = "feed-clients-" + UUID.randomUUID();
        String mine = OrderApi.post(as(Roles.ERP), UUID.randomUUID().toString(), OrderApi.body(customer))
                .statusCode(202).extract().path("orderId");
        String theirs = OrderApi.post(as(TestUsers.ERP_2), UUID.randomUUID().toString(), OrderApi.body(customer))
                .statusCode(202).extract().path("orderId");

        // when
        List<Map<String, Object>> auditors = await().atMost(WAIT).until(() -> readAll(Roles.AUDITOR, start),
                all -> !changesOf(mine, all).isEmpty() && !changesOf(theirs, all).isEmpty());
        List<Map<String, Object>> firsts = readAll(Roles.ERP, start);

        // then
        assertThat(changesOf(mine, firsts)).hasSize(1);
        assertThat(changesOf(theirs, firsts)).isEmpty();
        assertThat(changesOf(theirs, auditors)).hasSize(1);
        as(Roles.COMPLIANCE).when().get(FEED).then().statusCode(403);
    }

    @Test
    void theStreamSendsEachChangeWithItsCursorAsIdAndResumesFromLastEventId() throws Exception {
        // given two orders after the current end
        String start = end(Roles.AUDITOR);
        String first = OrderApi.requestOrder("feed-stream-" + UUID.randomUUID());
        String second = OrderApi.requestOrder("feed-stream-" + UUID.randomUUID());

        // when: a stream from the end, then another from the first order's event id
        List<SseEvent> fromStart = stream(start, e -> e.data().contains(second));
        SseEvent firstEvent = fromStart.stream().filter(e -> e.data().contains(first)).findFirst().orElseThrow();
        List<SseEvent> resumed = stream(firstEvent.id(), e -> e.data().contains(second));

        // then
        assertThat(fromStart).allSatisfy(e -> assertThat(e.name()).isEqualTo("order-change"));
        assertThat(fromStart).allSatisfy(e -> assertThat(e.data()).contains("\"cursor\":\"" + e.id() + "\""));
        assertThat(resumed).noneMatch(e -> e.data().contains(first));
        assertThat(resumed).anyMatch(e -> e.data().contains(second));
    }

    @Test
    void aCursorTheFeedDidNotGiveAndAWaitOutOfRangeAre400s() {
        as(Roles.AUDITOR).queryParam("cursor", "not-a-cursor").when().get(FEED).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("cursor"));
        as(Roles.AUDITOR).queryParam("waitSeconds", 31).when().get(FEED).then().statusCode(400)
                .contentType("application/problem+json");
        as(Roles.AUDITOR).queryParam("limit", 501).when().get(FEED).then().statusCode(400);
    }

    /** A server-sent event as read off the wire. */
    private record SseEvent(String id, String name, String data) {
    }

    /** Reads the stream after {@code lastEventId} until an event matches {@code until}; bounded. */
    private List<SseEvent> stream(String lastEventId, java.util.function.Predicate<SseEvent> until)
            throws Exception {
        String user = Roles.AUDITOR;
        String basic = Base64.getEncoder().encodeToString((user + ":" + TestUsers.password(user))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(streamUrl.toString()))
                .header("Authorization", "Basic " + basic).header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId).timeout(WAIT).GET().build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<SseEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            while (System.nanoTime() < deadline && it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        SseEvent event = new SseEvent(id, name, data.toString());
                        events.add(event);
                        if (until.test(event)) {
                            return events;
                        }
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        throw new AssertionError("the stream ended or timed out before the awaited event; got " + events);
    }

    /** The cursor at the end of the feed as {@code user} sees it. */
    private static String end(String user) {
        String cursor = null;
        while (true) {
            var request = as(user).queryParam("limit", 500);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get(FEED).then().statusCode(200).extract().jsonPath();
            String next = page.getString("nextCursor");
            if (page.getList("items").isEmpty()) {
                return next;
            }
            cursor = next;
        }
    }

    /** Every change after {@code cursor} as {@code user} sees them, following the pages to the end. */
    private static List<Map<String, Object>> readAll(String user, String cursor) {
        List<Map<String, Object>> all = new ArrayList<>();
        String at = cursor;
        while (true) {
            JsonPath page = as(user).queryParam("cursor", at).queryParam("limit", 500)
                    .when().get(FEED).then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return all;
            }
            all.addAll(items);
            at = page.getString("nextCursor");
        }
    }

    private static List<Map<String, Object>> changesOf(String orderId, List<Map<String, Object>> changes) {
        return changes.stream().filter(c -> orderId.equals(c.get("orderId"))).toList();
    }

    /** The position a cursor stands for (the feed's cursors are the API's one page-cursor format). */
    private static long position(String cursor) {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        return Long.parseLong(text.substring("p:".length()));
    }
}
