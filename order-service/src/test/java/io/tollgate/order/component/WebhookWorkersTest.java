package io.tollgate.order.component;

import static io.tollgate.order.component.WebhookApi.order;
import static io.tollgate.order.component.WebhookApi.orderIds;
import static io.tollgate.order.component.WebhookApi.position;
import static io.tollgate.order.component.WebhookApi.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.order.query.FeedSignal;
import io.tollgate.order.query.OrderFeed;
import io.tollgate.order.rest.WebhookSettings;
import io.tollgate.order.rest.WebhookStore;
import io.tollgate.order.rest.WebhookWorker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook workers this test builds and starts itself on the service's database (the service's own
 * is off in this profile), each an instance with its own node id: one wakes on this instance's feed
 * commits long before its periodic look; two deliver the same subscriptions without ever posting
 * one subscription's batches at once, every change in order, and when one dies holding a lease the
 * other takes over once it lapsed.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(WebhookWorkersTest.OwnWorkers.class)
class WebhookWorkersTest {

    /** The service's worker is off: the workers of this test are the only ones. */
    public static class OwnWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tollgate.order.webhooks.enabled", "false");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The longest periodic look the settings allow: a worker woken by nothing else waits this long. */
    private static final Duration POLL_MAX = Duration.ofMinutes(1);

    @Inject
    WebhookStore store;
    @Inject
    OrderFeed feed;
    @Inject
    FeedSignal signal;
    @Inject
    QueryGateway queries;
    @Inject
    ObjectMapper json;
    @Inject
    SqlStatements sql;

    private final List<WebhookWorker> workers = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String[]> registered = new ArrayList<>();

    @AfterEach
    void stopWorkersAndReceivers() {
        workers.forEach(WebhookWorker::stop);
        for (String[] hook : registered) {
            OrderApi.as(hook[0]).when().delete(WebhookApi.HOOKS + "/" + hook[1]);
        }
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void aChangeCommittedHereReachesTheEndpointLongBeforeThePeriodicLook() throws Exception {
        // given: a worker that looks on its own once a minute, idle after delivering a first order
        WebhookReceiver receiver = receiver();
        String hook = subscribe(Roles.ERP, receiver);
        String first = order(Roles.ERP);
        Instant started = Instant.now();
        started("wakes", settings(POLL_MAX, Duration.ofSeconds(3), Duration.ofSeconds(10)));
        await().atMost(WAIT).until(() -> orderIds(receiver.taken()).contains(first));
        await().atMost(WAIT).until(() -> lease(hook).owner() == null); // that delivery is over

        // when: another order is committed on this instance
        String next = order(Roles.ERP);

        // then: delivered before the worker's next periodic look could have found it
        Duration beforeThePoll = Duration.between(Instant.now(), started.plus(POLL_MAX)).minusSeconds(1);
        assertThat(beforeThePoll).isGreaterThan(Duration.ofSeconds(20));
        await().atMost(beforeThePoll).until(() -> orderIds(receiver.taken()).contains(next));
    }

    @Test
    void twoWorkersDeliverEveryChangeInOrderNeverAtOnceAndTheSurvivorTakesOverALapsedLease()
            throws Exception {
        // given: three subscriptions of two clients, slow endpoints, and two workers on one database
        // (a lease of 4 s, two changes per batch, two subscriptions at once each)
        Map<String, WebhookReceiver> byHook = new LinkedHashMap<>();
        byHook.put(subscribe(Roles.ERP, receiver().slow(30)), receivers.get(receivers.size() - 1));
        byHook.put(subscribe(Roles.ERP, receiver().slow(30)), receivers.get(receivers.size() - 1));
        byHook.put(subscribe(TestUsers.ERP_2, receiver().slow(30)), receivers.get(receivers.size() - 1));
        WebhookSettings settings = settings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(4));
        Map<String, WebhookWorker> byNode = new LinkedHashMap<>();
        byNode.put("node-a", started("node-a", settings));
        byNode.put("node-b", started("node-b", settings));

        // when: orders of both clients
        List<String> mine = new ArrayList<>();
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mine.add(order(Roles.ERP));
            if (i % 2 == 0) {
                theirs.add(order(TestUsers.ERP_2));
            }
        }

        // then: every endpoint took its client's orders, each change once, in feed order, one post at a time
        List<WebhookReceiver> all = List.copyOf(byHook.values());
        await().atMost(WAIT).until(() -> orderIds(all.get(0).taken()).containsAll(mine)
                && orderIds(all.get(1).taken()).containsAll(mine) && orderIds(all.get(2).taken()).containsAll(theirs));
        for (WebhookReceiver receiver : all) {
            assertInFeedOrderEachOnce(receiver.taken());
            assertThat(receiver.mostAtOnce()).as("posts of one subscription at once").isEqualTo(1);
        }

        // when: one worker dies while it posts to the first endpoint (whichever worker holds it)
        String hook = byHook.keySet().iterator().next();
        WebhookReceiver endpoint = byHook.get(hook).holdNext();
        String last = order(Roles.ERP);
        assertThat(endpoint.heldArrived(WAIT)).isTrue();
        Lease lease = lease(hook);
        String dead = lease.owner().substring(0, lease.owner().indexOf('/'));
        byNode.get(dead).halt();
        endpoint.release(503); // its sender is gone: not taken
        await().atMost(WAIT).until(() -> endpoint.received().stream().anyMatch(r -> r.answered() == 503));
        int heldAt = endpoint.received().stream().map(WebhookReceiver.Received::answered).toList().indexOf(503);

        // then: the survivor posts nothing to it before the dead one's lease lapsed, then sends the
        // same batch (the same delivery id) from the stored cursor, and it is taken
        await().atMost(WAIT).until(() -> orderIds(endpoint.taken()).contains(last));
        List<WebhookReceiver.Received> after = endpoint.received().subList(heldAt + 1, endpoint.received().size());
        assertThat(after).isNotEmpty();
        assertThat(after.get(0).arrivedAt()).as("the survivor waited for the lease").isAfterOrEqualTo(lease.until());
        assertThat(after.get(0).deliveryId()).isEqualTo(endpoint.received().get(heldAt).deliveryId());

        // and: the survivor goes on delivering, in order, one post at a time
        String afterwards = order(Roles.ERP);
        await().atMost(WAIT).until(() -> orderIds(endpoint.taken()).contains(afterwards));
        assertInFeedOrderEachOnce(endpoint.taken());
        assertThat(endpoint.mostAtOnce()).isEqualTo(1);
    }

    /** Taken items' cursors only grow: each change once, none before an earlier one. */
    private static void assertInFeedOrderEachOnce(List<JsonNode> taken) {
        long previous = Long.MIN_VALUE;
        for (JsonNode item : taken) {
            long at = position(item.path("cursor").asText());
            assertThat(at).as("feed order, each change once").isGreaterThan(previous);
            previous = at;
        }
    }

    /** A subscription's stored lease: its holder ("node/uuid", null when none) and until when. */
    private record Lease(String owner, Instant until) {
    }

    private Lease lease(String hook) {
        return sql.queryOne("SELECT lease_owner, lease_until FROM webhook_subscription WHERE subscription_id = ?",
                r -> new Lease(r.getString(1), SqlStatements.instant(r, "lease_until")), hook).orElseThrow();
    }

    /** Settings as the service's, with this test's poll, timeout and lease. */
    private static WebhookSettings settings(Duration poll, Duration timeout, Duration lease) {
        return new WebhookSettings(true, List.of("127.0.0.1"), 10, 2, timeout, Duration.ofMillis(50),
                Duration.ofMillis(200), 1_000, poll, 2, Duration.ofSeconds(5), lease);
    }

    /** A worker of its own instance (node id, meters), started. */
    private WebhookWorker started(String nodeId, WebhookSettings settings) {
        WebhookWorker worker = new WebhookWorker(store, feed, signal, queries, json, settings,
                new SimpleMeterRegistry(), nodeId);
        workers.add(worker);
        worker.start();
        return worker;
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        receivers.add(receiver);
        return receiver;
    }

    /** Registers the receiver for the user's client from the feed's end; the subscription's id. */
    private String subscribe(String user, WebhookReceiver receiver) {
        String id = register(user, receiver.url()).getString("id");
        registered.add(new String[] {user, id});
        return id;
    }
}
