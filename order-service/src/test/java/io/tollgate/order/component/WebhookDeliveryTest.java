package io.tollgate.order.component;

import static io.tollgate.order.component.OrderApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against the running service (real broker and database) and a receiver on 127.0.0.1: an
 * ERP's endpoint gets its own orders' changes in feed order, exactly as the feed gives them, signed
 * with the secret of the 201; a failed batch comes again with the same delivery id and items until
 * it is taken, then the cursor moves and it never comes again; an endpoint that keeps failing is
 * suspended and resume delivers again; startAfter is respected; bad registrations name their field
 * or code; a rotated secret signs beside the old one through the grace, then alone. The test profile
 * retries within 50–200 ms, suspends after 3 failures and keeps an old secret 5 s.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOOKS = WebhookApi.HOOKS;
    private static final String FEED = "/api/v1/order-changes";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProbe kafka;

    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String[]> registered = new ArrayList<>();

    @Inject
    MeterRegistry meters;

    @Inject
    SqlStatements sql;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @AfterEach
    void removeSubscriptionsAndReceivers() {
        for (String[] hook : registered) {
            as(hook[0]).when().delete(HOOKS + "/" + hook[1]);
        }
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void anErpEndpointGetsItsOwnOrdersChangesInFeedOrderSignedWithTheSecretOfThe201() throws Exception {
        // given: one endpoint per ERP client
        WebhookReceiver mine = receiver();
        WebhookReceiver theirs = receiver();
        JsonPath created = register(Roles.ERP, mine.url(), null).extract().jsonPath();
        register(TestUsers.ERP_2, theirs.url(), null);
        String start = created.getString("cursor");

        // when: the first client's two orders, one granted; the other client's order in between
        String first = order(Roles.ERP);
        String others = order(TestUsers.ERP_2);
        String second = order(Roles.ERP);
        kafka.send(Topics.AUTHORIZATIONS.name(), Decisions.grant(first, "auth-" + first));

        // then: the endpoint took the first client's changes, as the feed gives them to that client
        await().atMost(WAIT).until(() -> changeTypes(mine.taken(), first).contains("OrderAuthorized")
                && changeTypes(mine.taken(), second).contains("OrderRequested"));
        List<JsonNode> taken = mine.taken();
        List<JsonNode> feed = feedAfter(Roles.ERP, start, taken.get(taken.size() - 1).path("cursor").asText());
        assertThat(taken).isEqualTo(feed);
        assertThat(changeTypes(taken, first)).containsExactly("OrderRequested", "OrderAuthorized");
        assertThat(orderIds(taken)).doesNotContain(others);
        await().atMost(WAIT).until(() -> orderIds(theirs.taken()).contains(others));
        assertThat(orderIds(theirs.taken())).doesNotContain(first, second);
        // and: each delivery names the subscription, its delivery id and last cursor, signed with the secret
        String secret = created.getString("secret");
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        for (WebhookReceiver.Received delivery : mine.received()) {
            assertThat(delivery.webhookId()).isEqualTo(created.getString("id"));
            assertThat(delivery.json().path("subscriptionId").asText()).isEqualTo(created.getString("id"));
            assertThat(delivery.deliveryId()).isEqualTo(delivery.json().path("deliveryId").asText());
            assertThat(delivery.contentType()).isEqualTo("application/json");
            List<JsonNode> items = delivery.items();
            assertThat(delivery.json().path("nextCursor").asText())
                    .isEqualTo(items.get(items.size() - 1).path("cursor").asText());
            assertThat(signatures(delivery)).hasSize(1);
            assertThat(signatureHolds(delivery, secret)).isTrue();
            assertThat(signatureHolds(delivery, randomSecret())).isFalse();
        }
        // and: the secret is shown only once
        as(Roles.ERP).when().get(HOOKS + "/" + created.getString("id")).then().statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneThroughTheGraceThenAloneAndTheOldOneIsErased() throws Exception {
        // given: a subscription and its first secret
        WebhookReceiver receiver = receiver();
        JsonPath created = register(Roles.ERP, receiver.url(), null).extract().jsonPath();
        String id = created.getString("id");
        String old = created.getString("secret");

        // when: the client rotates it, and an order follows within the grace (5 s in the test profile)
        JsonPath rotated = as(Roles.ERP).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(200)
                .body("id", equalTo(id)).extract().jsonPath();
        String fresh = rotated.getString("secret");
        Instant graceEnds = Instant.parse(rotated.getString("previousSecretExpiresAt"));
        String during = order(Roles.ERP);

        // then: the delivery carries both signatures, the new one first, each verifying on its own
        WebhookReceiver.Received first = await().atMost(WAIT).until(() -> deliveryOf(receiver, during),
                java.util.Objects::nonNull);
        assertThat(signedAt(first) + 1).as("sent before the grace ended at %s", graceEnds)
                .isLessThanOrEqualTo(graceEnds.getEpochSecond());
        assertThat(signatures(first)).containsExactly(hmac(fresh, signedAt(first), first.body()),
                hmac(old, signedAt(first), first.body()));
        assertThat(signatureHolds(first, randomSecret())).isFalse();
        assertThat(Base64.getUrlDecoder().decode(fresh)).hasSize(32);
        assertThat(fresh).isNotEqualTo(old);
        // and: the new secret is not shown again
        hook(Roles.ERP, id).body("$", not(org.hamcrest.Matchers.hasKey("secret")));

        // when: the grace is over
        await().atMost(WAIT).until(() -> storedSecrets(id).size() == 1);

        // then: the old secret is gone from the row, and the new one alone signs what follows
        assertThat(Instant.now()).isAfterOrEqualTo(graceEnds);
        assertThat(storedSecrets(id)).containsExactly(fresh);
        String after = order(Roles.ERP);
        WebhookReceiver.Received later = await().atMost(WAIT).until(() -> deliveryOf(receiver, after),
                java.util.Objects::nonNull);
        assertThat(signatures(later)).containsExactly(hmac(fresh, signedAt(later), later.body()));
        assertThat(signatureHolds(later, old)).isFalse();
    }

    @Test
    void aSecondRotationInTheGraceKeepsTheSecretItReplacesAndDropsTheFirstAtOnce() throws Exception {
        // given: a subscription rotated once
        WebhookReceiver receiver = receiver();
        JsonPath created = register(Roles.ERP, receiver.url(), null).extract().jsonPath();
        String id = created.getString("id");
        String original = created.getString("secret");
        String second = as(Roles.ERP).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");

        // when: it is rotated again within the grace
        String third = as(Roles.ERP).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        String orderId = order(Roles.ERP);

        // then: the row holds the third and the second; the original signs nothing more
        assertThat(storedSecrets(id)).containsExactly(third, second);
        WebhookReceiver.Received delivery = await().atMost(WAIT).until(() -> deliveryOf(receiver, orderId),
                java.util.Objects::nonNull);
        assertThat(signatures(delivery)).hasSize(2);
        assertThat(signatureHolds(delivery, third)).isTrue();
        assertThat(signatureHolds(delivery, second)).isTrue();
        assertThat(signatureHolds(delivery, original)).isFalse();
        // and: another client cannot rotate it (as absent as none), an unknown id is 404, nothing changed
        as(TestUsers.ERP_2).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        as(Roles.ERP).when().post(HOOKS + "/" + UUID.randomUUID() + "/rotate-secret").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
        as(Roles.OPERATOR).when().post(HOOKS + "/" + id + "/rotate-secret").then().statusCode(403);
        assertThat(storedSecrets(id)).containsExactly(third, second);
    }

    @Test
    void aFailedBatchComesAgainWithTheSameDeliveryIdAndItemsUntilTakenThenNeverAgain() throws Exception {
        // given: an endpoint that answers 500 twice, then 200
        WebhookReceiver receiver = receiver().answering(500, 500);
        String id = register(Roles.ERP, receiver.url(), null).extract().path("id");

        // when
        String orderId = order(Roles.ERP);

        // then: three attempts with one delivery id and the same body; the cursor moved to its end
        await().atMost(WAIT).until(() -> receiver.received().size() >= 3);
        List<WebhookReceiver.Received> attempts = receiver.received().subList(0, 3);
        assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(WebhookReceiver.Received::deliveryId).containsOnly(attempts.get(0).deliveryId());
        assertThat(attempts).extracting(WebhookReceiver.Received::json).containsOnly(attempts.get(0).json());
        assertThat(orderIds(attempts.get(0).items())).contains(orderId);
        String through = attempts.get(0).json().path("nextCursor").asText();
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id).body("cursor", equalTo(through))
                .body("lastStatus", equalTo("200")).body("consecutiveFailures", equalTo(0))
                .body("state", equalTo("ACTIVE")));

        // when: another order after the batch was taken
        String next = order(Roles.ERP);

        // then: it comes in a new delivery, and the taken batch never again
        await().atMost(WAIT).until(() -> orderIds(receiver.taken()).contains(next));
        List<WebhookReceiver.Received> all = receiver.received();
        assertThat(all.stream().filter(r -> r.deliveryId().equals(attempts.get(0).deliveryId()))).hasSize(3);
        assertThat(all.subList(3, all.size())).allSatisfy(r -> assertThat(r.items())
                .allSatisfy(item -> assertThat(position(item.path("cursor").asText()))
                        .isGreaterThan(position(through))));
        assertThat(receiver.taken().stream().filter(i -> i.path("orderId").asText().equals(orderId))).hasSize(1);
    }

    @Test
    void anEndpointThatKeepsFailingIsSuspendedAndResumeDeliversAgain() throws Exception {
        // given: an endpoint that answers 503 to everything
        WebhookReceiver receiver = receiver().otherwise(503);
        String id = register(Roles.ERP, receiver.url(), null).extract().path("id");
        double failedBefore = deliveries("failed");

        // when
        String orderId = order(Roles.ERP);

        // then: suspended after failures-max (3) attempts, and nothing is posted while suspended
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id).body("state", equalTo("SUSPENDED"))
                .body("consecutiveFailures", equalTo(3)).body("lastStatus", equalTo("503"))
                .body("suspendedReason", org.hamcrest.Matchers.containsString("503")));
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> receiver.received().size() == 3);
        assertThat(deliveries("failed") - failedBefore).isGreaterThanOrEqualTo(3);
        await().atMost(WAIT).until(() -> meters.get("tollgate.order.webhooks.suspended").gauge().value() >= 1);

        // when: the endpoint works again and the client resumes
        receiver.otherwise(200);
        as(Roles.ERP).when().post(HOOKS + "/" + id + "/resume").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("consecutiveFailures", equalTo(0))
                .body("suspendedReason", equalTo(null));

        // then: the batch that failed is delivered, with the delivery id it failed under
        await().atMost(WAIT).until(() -> orderIds(receiver.taken()).contains(orderId));
        WebhookReceiver.Received taken = receiver.received().stream().filter(r -> r.answered() == 200)
                .findFirst().orElseThrow();
        assertThat(taken.deliveryId()).isEqualTo(receiver.received().get(0).deliveryId());
        assertThat(taken.json()).isEqualTo(receiver.received().get(0).json());
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id).body("lastStatus", equalTo("200")));
    }

    @Test
    void anEndpointThatRefusesConnectionsIsRetriedAndShowsWhy() throws Exception {
        // given: a port nothing listens on any more
        WebhookReceiver gone = receiver();
        String url = gone.url();
        gone.close();
        String id = register(Roles.ERP, url, null).extract().path("id");

        // when
        order(Roles.ERP);

        // then
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id)
                .body("lastStatus", equalTo("CONNECTION_REFUSED")));
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        // given: an endpoint that redirects to another that would answer 200
        WebhookReceiver target = receiver();
        WebhookReceiver redirecting = receiver().otherwise(307).redirectingTo(target.url());
        JsonPath created = register(Roles.ERP, redirecting.url(), null).extract().jsonPath();
        String id = created.getString("id");

        // when
        order(Roles.ERP);

        // then: a failed attempt; the cursor stayed and the redirect's target got nothing
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id).body("lastStatus", equalTo("307"))
                .body("cursor", equalTo(created.getString("cursor"))));
        assertThat(redirecting.received()).isNotEmpty();
        assertThat(target.received()).isEmpty();
    }

    @Test
    void anEndpointThatDoesNotAnswerWithinTheTimeoutFailsWithTimeout() throws Exception {
        // given: an endpoint that takes the request and never answers (the test profile waits 3 s)
        WebhookReceiver silent = receiver().silent();
        String id = register(Roles.ERP, silent.url(), null).extract().path("id");
        String cursor = hook(Roles.ERP, id).extract().path("cursor");

        // when
        order(Roles.ERP);

        // then: the attempt failed, and the cursor stayed
        await().atMost(WAIT).untilAsserted(() -> hook(Roles.ERP, id).body("lastStatus", equalTo("TIMEOUT"))
                .body("cursor", equalTo(cursor)));
        assertThat(silent.received()).isNotEmpty();
    }

    @Test
    void deliveryStartsAfterStartAfter() throws Exception {
        // given: two orders of the client, the first one's change cursor known
        String start = register(Roles.ERP, receiver().url(), null).extract().path("cursor");
        String before = order(Roles.ERP);
        String after = order(Roles.ERP);
        List<JsonNode> feed = await().atMost(WAIT).until(() -> feedAfter(Roles.ERP, start, null),
                f -> orderIds(f).containsAll(List.of(before, after)));
        String beforesCursor = feed.stream().filter(i -> i.path("orderId").asText().equals(before)).findFirst()
                .orElseThrow().path("cursor").asText();

        // when
        WebhookReceiver receiver = receiver();
        register(Roles.ERP, receiver.url(), beforesCursor).body("cursor", equalTo(beforesCursor));

        // then: the changes after that cursor, not the one at it
        await().atMost(WAIT).until(() -> orderIds(receiver.taken()).contains(after));
        assertThat(orderIds(receiver.taken())).doesNotContain(before);
        assertThat(receiver.taken().get(0)).isEqualTo(feedAfter(Roles.ERP, beforesCursor, null).get(0));
    }

    @Test
    void badRegistrationsAndForeignIdsAreRefusedNamingTheirFieldOrCode() throws Exception {
        String url = receiver().url();
        refused(body(null, null, null), 422, "INVALID_FIELD", "url");
        refused(body("ftp://erp.example.com/hook", null, null), 422, "WEBHOOK_URL_NOT_ALLOWED", "url");
        refused(body("http://erp.example.com/hook", null, null), 422, "WEBHOOK_URL_NOT_ALLOWED", "url");
        refused(body("https://user:pw@erp.example.com/hook", null, null), 422, "WEBHOOK_URL_NOT_ALLOWED", "url");
        refused(body("/relative/hook", null, null), 422, "WEBHOOK_URL_NOT_ALLOWED", "url");
        refused(body("https://erp.example.com/" + "a".repeat(2_000), null, null), 422, "LIMIT_EXCEEDED", "url");
        refused(body(url, null, "d".repeat(201)), 422, "LIMIT_EXCEEDED", "description");
        refused(body(url, "not-a-cursor", null), 400, "INVALID_FIELD", "startAfter");
        String beyond = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("p:999999999999".getBytes(StandardCharsets.US_ASCII));
        refused(body(url, beyond, null), 400, "INVALID_FIELD", "startAfter");
        // https to any host is taken; a description is kept
        String id = register(Roles.ERP, "https://erp.example.com/hook", null).extract().path("id");

        // another client's subscription is as absent as none; an operator reads it and changes nothing
        as(TestUsers.ERP_2).when().get(HOOKS + "/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        as(TestUsers.ERP_2).when().delete(HOOKS + "/" + id).then().statusCode(404);
        as(TestUsers.ERP_2).when().post(HOOKS + "/" + id + "/resume").then().statusCode(404);
        as(TestUsers.ERP_2).when().get(HOOKS).then().statusCode(200).body("items.id", not(hasItem(id)));
        as(Roles.OPERATOR).when().get(HOOKS + "/" + id).then().statusCode(200).body("client", equalTo(Roles.ERP));
        as(Roles.OPERATOR).queryParam("limit", 500).when().get(HOOKS).then().statusCode(200)
                .body("items.id", hasItem(id));
        as(Roles.OPERATOR).when().delete(HOOKS + "/" + id).then().statusCode(403);

        // deleting twice: 204, then 404
        as(Roles.ERP).when().delete(HOOKS + "/" + id).then().statusCode(204);
        as(Roles.ERP).when().delete(HOOKS + "/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aClientMayHoldAtMostTenSubscriptions() {
        // given: a client (tester-2) filled up to the limit
        String client = TestUsers.TESTER_2;
        int held = as(client).queryParam("limit", 500).when().get(HOOKS).then().statusCode(200).extract()
                .jsonPath().<String>getList("items.client").stream().filter(client::equals)
                .collect(Collectors.toList()).size();
        for (int i = held; i < 10; i++) {
            register(client, "https://erp.example.com/hook/" + i, null);
        }

        // when / then
        as(client).contentType("application/json").body(body("https://erp.example.com/hook/11", null, null))
                .when().post(HOOKS).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("WEBHOOKS_LIMIT_REACHED"));
        // and: the list pages like every list (a page of one, then nextCursor)
        JsonPath page = as(client).queryParam("limit", 1).when().get(HOOKS).then().statusCode(200).extract()
                .jsonPath();
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getString("nextCursor")).isNotBlank();
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private ValidatableResponse register(String user, String url, String startAfter) {
        ValidatableResponse created = as(user).contentType("application/json").body(body(url, startAfter, "tests"))
                .when().post(HOOKS).then().statusCode(201).body("state", equalTo("ACTIVE"));
        String id = created.extract().path("id");
        registered.add(new String[] {user, id});
        created.header("Location", org.hamcrest.Matchers.endsWith(HOOKS + "/" + id));
        return created;
    }

    private static void refused(String body, int status, String code, String field) {
        as(Roles.ERP).contentType("application/json").body(body).when().post(HOOKS).then().statusCode(status)
                .contentType("application/problem+json").body("code", equalTo(code)).body("field", equalTo(field));
    }

    private static String body(String url, String startAfter, String description) {
        var node = JSON.createObjectNode();
        if (url != null) {
            node.put("url", url);
        }
        if (startAfter != null) {
            node.put("startAfter", startAfter);
        }
        if (description != null) {
            node.put("description", description);
        }
        return node.toString();
    }

    private static ValidatableResponse hook(String user, String id) {
        return as(user).when().get(HOOKS + "/" + id).then().statusCode(200);
    }

    private static String order(String user) {
        return WebhookApi.order(user);
    }

    /** The feed as {@code user} reads it after {@code cursor}, up to {@code through} (or its end). */
    private static List<JsonNode> feedAfter(String user, String cursor, String through) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String at = cursor;
        while (true) {
            String page = as(user).queryParam("cursor", at).queryParam("limit", 500).when().get(FEED).then()
                    .statusCode(200).extract().asString();
            JsonNode json = JSON.readTree(page);
            if (json.path("items").isEmpty()) {
                return items;
            }
            for (JsonNode item : json.path("items")) {
                items.add(item);
                if (item.path("cursor").asText().equals(through)) {
                    return items;
                }
            }
            at = json.path("nextCursor").asText();
        }
    }

    private static List<String> changeTypes(List<JsonNode> items, String orderId) {
        return items.stream().filter(i -> i.path("orderId").asText().equals(orderId))
                .map(i -> i.path("changeType").asText()).toList();
    }

    private static Set<String> orderIds(List<JsonNode> items) {
        return WebhookApi.orderIds(items);
    }

    /**
     * Checks Tollgate-Signature as a receiver would: HMAC-SHA256 of "t." + body under the secret
     * equals any of the header's v1 values, and t is recent.
     */
    private static boolean signatureHolds(WebhookReceiver.Received delivery, String secret) throws Exception {
        long t = signedAt(delivery);
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(300);
        return signatures(delivery).contains(hmac(secret, t, delivery.body()));
    }

    /** The header's t: the first part, "t=<unix seconds>". */
    private static long signedAt(WebhookReceiver.Received delivery) {
        String first = delivery.signature().split(",")[0];
        assertThat(first).startsWith("t=");
        return Long.parseLong(first.substring(2));
    }

    /** The header's v1 values, in their order: every part after t is one. */
    private static List<String> signatures(WebhookReceiver.Received delivery) {
        String[] parts = delivery.signature().split(",");
        List<String> v1 = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            assertThat(parts[i]).startsWith("v1=");
            v1.add(parts[i].substring(3));
        }
        return v1;
    }

    private static String hmac(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getUrlDecoder().decode(secret), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first delivery whose items name the order, or null. */
    private static WebhookReceiver.Received deliveryOf(WebhookReceiver receiver, String orderId) {
        return receiver.received().stream().filter(r -> orderIds(r.items()).contains(orderId)).findFirst()
                .orElse(null);
    }

    /** The subscription's stored secrets: the current one, then the old one while it is kept. */
    private List<String> storedSecrets(String id) {
        return sql.queryOne("SELECT secret, previous_secret, previous_secret_until FROM webhook_subscription"
                + " WHERE subscription_id = ?", r -> {
                    List<String> secrets = new ArrayList<>(List.of(r.getString(1)));
                    if (r.getString(2) != null || r.getObject(3) != null) {
                        secrets.add(r.getString(2));
                    }
                    return secrets;
                }, id).orElseThrow();
    }

    private double deliveries(String outcome) {
        return meters.get("tollgate.order.webhook.deliveries").tag("outcome", outcome).counter().count();
    }

    private static long position(String cursor) {
        return WebhookApi.position(cursor);
    }
}
