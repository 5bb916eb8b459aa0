package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The end of every fault case: after the load stopped, every order a client was told about is in
 * its one right state (AUTHORIZED, with one request, one authorization and one payment event per
 * accepted payment), each customer holds exactly the orders accepted for it, and the ledger's
 * balances equal the reference model recomputed from the clients' 202s. Counts what was lost,
 * duplicated and wrongly dead-lettered, prints the figures, then asserts they are zero.
 */
final class FaultVerdict {

    private static final Logger LOG = Logger.getLogger(FaultVerdict.class.getName());
    /**
     * Time for the pipeline to drain after the load (orders decided, entries posted): as long as
     * it keeps moving, up to {@code DRAIN_MAX} (a backlog of thousands of orders on two shared
     * cores takes minutes), but never longer than {@code STALL} without any progress.
     */
    private static final Duration DRAIN_MAX = Duration.ofMinutes(30);
    private static final Duration STALL = Duration.ofSeconds(180);

    /** The figures of one case, as docs/reliability.md reports them. */
    record Figures(String caseName, int clients, double loadSeconds, int orders, int payments,
                   long faults, long lost, long duplicated, long wronglyDeadLettered, long serverErrors) {
        @Override
        public String toString() {
            return String.format("FAULT-FIGURES case=%s clients=%d load=%.0fs orders=%d payments=%d"
                    + " faults=%d lost=%d duplicated=%d wronglyDeadLettered=%d serverErrors=%d", caseName,
                clients, loadSeconds, orders, payments, faults, lost, duplicated, wronglyDeadLettered,
                serverErrors);
        }
    }

    private FaultVerdict() {
    }

    /**
     * Waits for the pipeline to drain, counts, logs the figures and asserts zero lost, duplicated,
     * wrongly dead-lettered, and no answer to a client a 5xx other than 503 with Retry-After; dead
     * letters of the injected records ({@code injected}: origins as {@link #origin} writes them)
     * are not wrong.
     */
    static Figures judge(String caseName, TollgateStack stack, FaultLoad load, long faults,
                         Set<String> injected) {
        OrderApi orders = new OrderApi(stack);
        LedgerApi ledger = new LedgerApi(stack);
        awaitAllAuthorized(orders, load);
        String balanceDiff = awaitBalances(ledger, load.expected());
        long[] lostAndDuplicated = countOrders(orders, load);
        long wrong = wronglyDeadLettered(stack, injected);
        Figures figures = new Figures(caseName, load.customers().size(), load.seconds(),
            load.acceptedCount(), load.payments().size(), faults, lostAndDuplicated[0],
            lostAndDuplicated[1], wrong, load.badReplies().size());
        LOG.info(figures::toString);
        LOG.info(() -> "[" + caseName + "] " + load.summary());
        assertThat(figures.lost()).as("orders or payments lost").isZero();
        assertThat(figures.duplicated()).as("orders or payments duplicated").isZero();
        assertThat(figures.wronglyDeadLettered()).as("good records dead-lettered").isZero();
        assertThat(balanceDiff).as("ledger balances against the reference model").isEmpty();
        JsonNode verify = ledger.verify();
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(load.badReplies())
            .as("answers a client must never get (5xx other than 503 with Retry-After)").isEmpty();
        return figures;
    }

    private static void awaitAllAuthorized(OrderApi orders, FaultLoad load) {
        Set<String> waiting = new HashSet<>();
        load.accepted().values().forEach(a -> waiting.add(a.orderId()));
        long startNs = System.nanoTime();
        boolean drained = whileProgressing("every accepted order AUTHORIZED", Duration.ofSeconds(1),
            () -> {
                waiting.removeIf(id -> "AUTHORIZED".equals(orders.find(id).text("status")));
                return waiting.size();
            }, remaining -> remaining == 0);
        if (!drained) {
            List<String> sample = new ArrayList<>(waiting).subList(0, Math.min(5, waiting.size()));
            double seconds = (System.nanoTime() - startNs) / 1e9;
            throw new AssertionError(String.format("%d accepted orders not AUTHORIZED after %.0f s"
                + " (none for %d s, or %d min in all), e.g. %s", waiting.size(), seconds,
                STALL.toSeconds(), DRAIN_MAX.toMinutes(), sample));
        }
        double drainedS = (System.nanoTime() - startNs) / 1e9;
        LOG.info(() -> String.format("every accepted order AUTHORIZED %.0f s after the load"
            + " stopped", drainedS));
    }

    private static String awaitBalances(LedgerApi ledger, ExpectedLedger expected) {
        AtomicReference<String> diff = new AtomicReference<>("");
        boolean equal = whileProgressing("ledger balances as the reference model", Waits.POLL,
            () -> {
                diff.set(expected.differences(ledger.balances(expected.currency())));
                return diff.get();
            }, String::isEmpty);
        if (!equal) {
            LOG.warning(() -> "ledger balances differ from the reference model:\n" + diff.get());
        }
        return diff.get();
    }

    /**
     * Polls {@code state} until {@code done} holds (true), or until it has not changed for
     * {@link #STALL} or {@link #DRAIN_MAX} has passed (false).
     */
    private static <T> boolean whileProgressing(String what, Duration poll, Callable<T> state,
                                                Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicLong changedNs = new AtomicLong(System.nanoTime());
        try {
            await(what).atMost(DRAIN_MAX).pollInterval(poll).until(() -> {
                T now = state.call();
                if (!now.equals(last.getAndSet(now))) {
                    changedNs.set(System.nanoTime());
                }
                boolean stalled = System.nanoTime() - changedNs.get() > STALL.toNanos();
                return done.test(now) || stalled;
            });
            return done.test(last.get());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /**
     * Lost: an accepted order missing from its customer's list or its history, or an accepted
     * payment missing from its order's history. Duplicated: an order id or a history event more.
     */
    private static long[] countOrders(OrderApi orders, FaultLoad load) {
        Map<String, Integer> paymentsPerOrder = new HashMap<>();
        load.payments().forEach(p -> paymentsPerOrder.merge(p.orderId(), 1, Integer::sum));
        Map<String, Set<String>> acceptedPerCustomer = new HashMap<>();
        load.accepted().values().forEach(a -> acceptedPerCustomer
            .computeIfAbsent(a.line().customerId(), c -> new HashSet<>()).add(a.orderId()));
        long lost = 0;
        long duplicated = 0;
        for (String customer : load.customers()) {
            Set<String> want = acceptedPerCustomer.getOrDefault(customer, Set.of());
            Set<String> held = new HashSet<>();
            for (JsonNode order : orders.ordersOf(customer)) {
                String id = order.path("orderId").asText();
                if (!held.add(id) || !want.contains(id)) {
                    duplicated++;
                }
            }
            lost += want.stream().filter(id -> !held.contains(id)).count();
        }
        for (FaultLoad.Accepted order : load.accepted().values()) {
            Map<String, Integer> types = new HashMap<>();
            orders.order(order.orderId()).path("history")
                .forEach(h -> types.merge(h.path("type").asText(), 1, Integer::sum));
            int paid = paymentsPerOrder.getOrDefault(order.orderId(), 0);
            lost += shortfall(types, "OrderRequested", 1) + shortfall(types, "OrderAuthorized", 1)
                + shortfall(types, "RevenueSharePaid", paid);
            duplicated += excess(types, "OrderRequested", 1) + excess(types, "OrderAuthorized", 1)
                + excess(types, "RevenueSharePaid", paid);
        }
        return new long[] {lost, duplicated};
    }

    private static long shortfall(Map<String, Integer> types, String type, int want) {
        return Math.max(0, want - types.getOrDefault(type, 0));
    }

    private static long excess(Map<String, Integer> types, String type, int want) {
        return Math.max(0, types.getOrDefault(type, 0) - want);
    }

    /** A record's origin as the dead-letter topics' origin header writes it. */
    static String origin(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    static String origin(JsonNode deadLetter) {
        return origin(deadLetter.path("topic").asText(), deadLetter.path("partition").asInt(),
            deadLetter.path("offset").asLong());
    }

    /** Dead letters on any service of records that were not injected as poison. */
    private static long wronglyDeadLettered(TollgateStack stack, Set<String> injected) {
        long wrong = 0;
        for (ServiceProcess service : stack.services()) {
            for (JsonNode letter : new DeadLetterApi(stack.credentials(), service).all(null)) {
                if (!injected.contains(origin(letter))) {
                    wrong++;
                    LOG.warning(() -> service.name() + " dead-lettered a good record: " + letter);
                }
            }
        }
        return wrong;
    }
}
