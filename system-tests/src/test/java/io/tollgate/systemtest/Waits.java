package io.tollgate.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounded waits on the public APIs for what crosses Kafka. A state that can no longer change into
 * the awaited one (a terminal order status, a decided application) fails at once, not at the bound.
 */
final class Waits {

    /** One asynchronous step: an event through a relay, the broker and a consumer or two. */
    static final Duration STEP = Duration.ofSeconds(90);
    static final Duration POLL = Duration.ofMillis(250);

    private static final Set<String> ORDER_FINAL = Set.of("DENIED", "SETTLED", "CANCELLED");
    private static final Set<String> APPLICATION_FINAL = Set.of("GRANTED", "DENIED", "WITHDRAWN");

    private Waits() {
    }

    /** Waits until the order has {@code status}; returns the order view. */
    static JsonNode orderStatus(OrderApi orders, String orderId, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("order " + orderId + " " + status).atMost(STEP).pollInterval(POLL).until(() -> {
            JsonNode order = orders.order(orderId);
            last.set(order);
            String now = order.path("status").asText();
            if (!now.equals(status) && ORDER_FINAL.contains(now)) {
                throw new AssertionError("order " + orderId + " ended " + now + ", expected " + status + ": "
                    + order);
            }
            return now.equals(status);
        });
        return last.get();
    }

    /**
     * Waits until the order's authorization shows the regulator waiting for {@code waitingFor} with
     * the reason {@code code}; returns the order view.
     */
    static JsonNode orderWaiting(OrderApi orders, String orderId, String waitingFor, String code) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("order " + orderId + " waiting for " + waitingFor + " (" + code + ")").atMost(STEP).pollInterval(POLL)
            .until(() -> {
                JsonNode order = orders.order(orderId);
                last.set(order);
                if (ORDER_FINAL.contains(order.path("status").asText())) {
                    throw new AssertionError("order " + orderId + " ended while a wait was expected: " + order);
                }
                JsonNode authorization = order.path("authorization");
                return authorization.path("waitingFor").asText().equals(waitingFor)
                    && authorization.path("requirement").path("code").asText().equals(code);
            });
        return last.get();
    }

    /**
     * Waits until the order waits for {@code waitingFor} with a requirement whose first line no
     * longer names {@code gone} (e.g. a document kind the regulator has since been given).
     */
    static JsonNode orderWaitingWithout(OrderApi orders, String orderId, String waitingFor, String gone) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("order " + orderId + " waiting for " + waitingFor + " without " + gone).atMost(STEP)
            .pollInterval(POLL).until(() -> {
                JsonNode order = orders.order(orderId);
                last.set(order);
                JsonNode authorization = order.path("authorization");
                String firstLine = authorization.path("requirement").path("text").asText().lines().findFirst()
                    .orElse("");
                return authorization.path("waitingFor").asText().equals(waitingFor) && !firstLine.contains(gone);
            });
        return last.get();
    }

    /**
     * Waits until the order's last row in the change feed is {@code changeType}; returns its rows,
     * oldest first. The feed is numbered by its own processor, so it can name a change a moment after
     * the order's view shows it.
     */
    static List<JsonNode> orderChangesUpTo(OrderApi orders, String orderId, String changeType) {
        AtomicReference<List<JsonNode>> last = new AtomicReference<>();
        await("order " + orderId + " changes up to " + changeType).atMost(STEP).pollInterval(POLL).until(() -> {
            List<JsonNode> rows = orders.changesOf(orderId);
            last.set(rows);
            return !rows.isEmpty() && rows.get(rows.size() - 1).path("changeType").asText().equals(changeType);
        });
        return last.get();
    }

    /** Waits until the regulator's application for the order has {@code status}. */
    static JsonNode applicationStatus(RegulatorApi regulator, String orderId, String status) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("application " + orderId + " " + status).atMost(STEP).pollInterval(POLL).until(() -> {
            Http.Reply reply = regulator.findApplication(orderId);
            if (reply.status() == 404) {
                return false; // the order's request has not reached the regulator yet
            }
            JsonNode application = reply.expect(200).json();
            last.set(application);
            String now = application.path("status").asText();
            if (!now.equals(status) && APPLICATION_FINAL.contains(now)) {
                throw new AssertionError("application " + orderId + " ended " + now + ", expected " + status
                    + ": " + application);
            }
            return now.equals(status);
        });
        return last.get();
    }
}
