package io.tollgate.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Money;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The load every fault case runs under: {@code clients} concurrent ERP/compliance/treasury clients,
 * each submitting H200 orders for its own designated customer one after another (the ERP reported
 * ample US shipments of H200 first), supplying the two documents of each once its application waits
 * for them, and paying a quarter of the share due on each of its orders once the order is
 * authorized; a client that stops supplies the documents its last orders still wait for. Every
 * request is retried
 * with the same {@code Idempotency-Key} while the service is down, restarting or answering 5xx,
 * as a careful client does. What the clients were told (every 202) is the reference: the orders
 * accepted and the payments accepted, fed into an {@link ExpectedLedger}.
 */
final class FaultLoad implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultLoad.class.getName());
    /** How long one request is retried through an outage before the client gives up (a failure). */
    private static final Duration RETRY_BOUND = Duration.ofSeconds(300);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    /** Orders of one client checked for authorization (to pay them) per submitted order. */
    private static final int PAY_CHECKS_PER_ROUND = 2;
    /** Orders of one client checked for a wait for documents (to supply them) per submitted order. */
    private static final int DOCUMENT_CHECKS_PER_ROUND = 2;
    /** Every client supplies the documents of its last orders when it stops: more than one bound. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(RETRY_BOUND.toSeconds() * 3);
    private static final String SKU = "H200-NVL";

    /** One accepted order: its key, what was ordered, the id the service gave. */
    record Accepted(String key, OrderLine line, String orderId) {
    }

    /** One accepted remittance on an order. */
    record Payment(String orderId, String key, Money amount) {
    }

    /** An answer a client must never get (a 5xx other than 503 with Retry-After), with the request. */
    record BadReply(String request, int status, String body) {
    }

    private final String name;
    private final OrderApi orders;
    private final RegulatorApi regulator;
    private final Compliance compliance;
    private final BigDecimal rate;
    private final String payee;
    private final ExpectedLedger expected;
    private final List<String> customers;
    private final ExecutorService pool;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Future<?>> running = new ArrayList<>();
    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final List<Payment> payments = new CopyOnWriteArrayList<>();
    private final List<BadReply> badReplies = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** The first client failure (a refused request, a bound exceeded), reported at once. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    private long startedNs;
    private long stoppedNs;

    FaultLoad(String name, TollgateStack stack, RegulatorApi regulator, int clients, BigDecimal rate,
              String payee) {
        this.name = name;
        this.orders = new OrderApi(stack);
        this.regulator = regulator;
        this.compliance = new Compliance(stack);
        this.rate = rate;
        this.payee = payee;
        this.expected = new ExpectedLedger("USD");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            String customer = name + "-c" + i;
            regulator.designate(customer, "Customer " + customer, "CN");
            names.add(customer);
        }
        this.customers = List.copyOf(names);
        compliance.reportAmpleUsShipments(SKU);
        this.pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, name + "-client");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        startedNs = System.nanoTime();
        for (String customer : customers) {
            running.add(pool.submit(() -> {
                try {
                    client(customer);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e); // anything, even an Error, fails the case at once
                    LOG.severe(() -> "[" + name + "] client " + customer + " failed: " + e);
                }
            }));
        }
        LOG.info(() -> "[" + name + "] load started: " + customers.size() + " clients");
    }

    /** Stops the clients after their current order and waits for them; fails if one failed. */
    void stop() throws Exception {
        stop.set(true);
        for (Future<?> client : running) {
            client.get(STOP_BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        stoppedNs = System.nanoTime();
        LOG.info(() -> "[" + name + "] load stopped: " + summary());
    }

    @Override
    public void close() {
        stop.set(true);
        pool.shutdownNow();
    }

    private void client(String customer) {
        Deque<Accepted> unpaid = new ArrayDeque<>();
        Deque<Accepted> withoutDocuments = new ArrayDeque<>();
        for (int n = 1; !stop.get(); n++) {
            String reference = customer + "-" + n;
            // Odd cents, so every share needs the contract's rounding.
            OrderLine line = OrderLine.h200(customer, "Customer " + customer, SKU, 1 + n % 9,
                "2899" + n % 10 + ".3" + n % 7, reference);
            String key = "key-" + reference;
            String orderId = untilAccepted(() -> orders.submit(key, line));
            Accepted order = new Accepted(key, line, orderId);
            accepted.put(key, order);
            expected.authorized(line, line.share(rate), payee);
            unpaid.addLast(order);
            withoutDocuments.addLast(order);
            supplyAskedDocuments(withoutDocuments, false);
            payAuthorized(unpaid);
        }
        // Every accepted order must end AUTHORIZED: its documents are supplied whatever the fault.
        supplyAskedDocuments(withoutDocuments, true);
    }

    /**
     * Supplies the documents of the oldest orders whose applications wait for them: in a round, of
     * at most {@link #DOCUMENT_CHECKS_PER_ROUND}, stopping at the first that does not wait yet; to
     * finish ({@code all}), of every one, waiting for each through outages up to {@link #RETRY_BOUND}.
     */
    private void supplyAskedDocuments(Deque<Accepted> withoutDocuments, boolean all) {
        for (int i = 0; (all || i < DOCUMENT_CHECKS_PER_ROUND) && !withoutDocuments.isEmpty(); i++) {
            Accepted order = withoutDocuments.peekFirst();
            JsonNode application = all
                ? untilAwaitingDocuments(order.orderId()) : applicationAwaitingDocuments(order.orderId());
            if (application == null) {
                return; // later orders are younger: they wait for the next round
            }
            withoutDocuments.removeFirst();
            for (Map<String, Object> document : Compliance.documents(application)) {
                untilSupplied(order.orderId(), document);
            }
        }
    }

    /** The application if it waits for documents now; null if not yet (or the regulator is down). */
    private JsonNode applicationAwaitingDocuments(String orderId) {
        try {
            Http.Reply reply = regulator.findApplication(orderId);
            count(reply);
            if (reply.status() == 200 && Compliance.AWAITING_DOCUMENTS.equals(reply.text("status"))) {
                return reply.json();
            }
            if (reply.status() == 200 && !"RECEIVED".equals(reply.text("status"))) {
                throw new AssertionError("application " + orderId + " was to wait for documents: " + reply.raw());
            }
            return null;
        } catch (UncheckedIOException down) {
            refused.incrementAndGet();
            return null;
        }
    }

    private JsonNode untilAwaitingDocuments(String orderId) {
        long deadline = System.nanoTime() + RETRY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode application = applicationAwaitingDocuments(orderId);
            if (application != null) {
                return application;
            }
            pause();
        }
        throw new AssertionError("application " + orderId + " did not wait for documents within "
            + RETRY_BOUND.toSeconds() + " s");
    }

    /**
     * Supplies one document until it is recorded (a repeat records nothing). An answer lost in an
     * outage may be followed by the grant it caused: then the application is no longer open, and
     * the document is found among those it was granted on.
     */
    private void untilSupplied(String orderId, Map<String, Object> document) {
        long deadline = System.nanoTime() + RETRY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Http.Reply reply = compliance.supply(orderId, document);
                count(reply);
                if (reply.status() == 200) {
                    return;
                }
                if (reply.status() == 409 && reply.raw().contains("APPLICATION_NOT_OPEN")) {
                    if (Compliance.recorded(regulator.application(orderId), document)) {
                        return;
                    }
                    throw new AssertionError(reply.request() + " refused before the document was recorded: "
                        + reply.raw());
                }
                if (reply.status() < 500 && reply.status() != 409) {
                    throw new AssertionError(reply.request() + " refused: " + reply.status() + " " + reply.raw());
                }
            } catch (UncheckedIOException down) {
                refused.incrementAndGet();
            }
            pause();
        }
        throw new AssertionError("a document was not recorded within " + RETRY_BOUND.toSeconds() + " s");
    }

    /** Pays a quarter of the due on the oldest unpaid orders that are authorized by now. */
    private void payAuthorized(Deque<Accepted> unpaid) {
        for (int i = 0; i < PAY_CHECKS_PER_ROUND && !unpaid.isEmpty(); i++) {
            Accepted order = unpaid.peekFirst();
            if (!isAuthorized(order.orderId())) {
                return; // later orders are younger: they wait for the next round
            }
            unpaid.removeFirst();
            Money due = order.line().share(rate);
            Money amount = Money.of(due.value().divide(BigDecimal.valueOf(4), 0, RoundingMode.DOWN),
                due.currency());
            String key = "pay-" + order.key();
            untilAccepted(() -> orders.pay(order.orderId(), key, amount, "UST-" + order.key()));
            payments.add(new Payment(order.orderId(), key, amount));
            expected.paid(amount, payee);
        }
    }

    private boolean isAuthorized(String orderId) {
        try {
            Http.Reply reply = orders.find(orderId);
            count(reply);
            return reply.status() == 200 && "AUTHORIZED".equals(reply.text("status"));
        } catch (UncheckedIOException down) {
            refused.incrementAndGet();
            return false;
        }
    }

    /** Sends until 202 (same key each time); returns the order id of the answer. */
    private String untilAccepted(java.util.function.Supplier<Http.Reply> send) {
        long deadline = System.nanoTime() + RETRY_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Http.Reply reply = send.get();
                count(reply);
                if (reply.status() == 202) {
                    return reply.text("orderId");
                }
                boolean busy = reply.status() == 409 && reply.raw().contains("BUSY");
                if (reply.status() < 500 && !busy) {
                    throw new AssertionError(reply.request() + " refused: " + reply.status() + " "
                        + reply.raw());
                }
            } catch (UncheckedIOException down) {
                refused.incrementAndGet(); // refused or reset: down, or killed mid-request
            }
            pause();
        }
        throw new AssertionError("a request was not accepted within " + RETRY_BOUND.toSeconds() + " s");
    }

    private void count(Http.Reply reply) {
        statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
        boolean unavailableWithRetryAfter = reply.status() == 503 && reply.retryAfter().isPresent();
        if (reply.status() >= 500 && !unavailableWithRetryAfter) {
            badReplies.add(new BadReply(reply.request(), reply.status(), reply.raw()));
            LOG.warning(() -> "[" + name + "] " + reply.request() + " answered " + reply.status() + ": "
                + reply.raw());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis()); // a client's back-off, not a test synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("client interrupted", e);
        }
    }

    /** Accepted orders so far; fails with the first client failure, so no wait outlives it. */
    int acceptedCount() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new AssertionError("a load client failed: " + failed, failed);
        }
        return accepted.size();
    }

    Map<String, Accepted> accepted() {
        return Collections.unmodifiableMap(accepted);
    }

    List<Payment> payments() {
        return List.copyOf(payments);
    }

    List<String> customers() {
        return customers;
    }

    ExpectedLedger expected() {
        return expected;
    }

    List<BadReply> badReplies() {
        return List.copyOf(badReplies);
    }

    double seconds() {
        return ((stoppedNs == 0 ? System.nanoTime() : stoppedNs) - startedNs) / 1e9;
    }

    String summary() {
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, n) -> byStatus.put(status, n.get()));
        return String.format("%d clients, %.0f s, %d orders and %d payments accepted, replies %s,"
                + " %d refused connections", customers.size(), seconds(), accepted.size(),
            payments.size(), byStatus, refused.get());
    }
}
