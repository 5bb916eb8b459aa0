package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.deploy.demo.ComplianceSteps;
import io.tollgate.contracts.Roles;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One load run through the public APIs: designates this run's customers and reports US shipments
 * of the products it orders (as the ERP does), posts unique orders
 * (each with its own Idempotency-Key) from a bounded number of connections for a time or a count,
 * optionally at a fixed arrival rate and with revenue-share payments, supplies the two documents
 * every order to be granted waits for (as compliance does), follows a sample of orders
 * through the stages, waits (bounded) for the ledger to catch up, and measures Kafka itself.
 */
public final class LoadRun {

    /** How to run. {@code orders} 0 means "for {@code seconds}"; {@code rate} 0 means "closed loop". */
    public record Options(int seconds, long orders, int connections, double rate, boolean payments,
                          int sampleEvery, int drainSeconds, long kafkaRecords) {
        public Options {
            require(connections >= 1 && connections <= CONNECTIONS_MAX, "--connections must be in [1, "
                + CONNECTIONS_MAX + "]");
            require(seconds >= 1 && seconds <= SECONDS_MAX, "--seconds must be in [1, " + SECONDS_MAX + "]");
            require(orders >= 0 && orders <= ORDERS_MAX, "--orders must be in [1, " + ORDERS_MAX + "] (0: run for --seconds)");
            require(rate >= 0 && rate <= RATE_MAX, "--rate must be in (0, " + RATE_MAX + "] (0: closed loop)");
            require(sampleEvery >= 1, "--sample-every must be at least 1");
            require(drainSeconds >= 1 && drainSeconds <= SECONDS_MAX, "--drain-seconds must be in [1, "
                + SECONDS_MAX + "]");
            require(kafkaRecords >= 0 && kafkaRecords <= 10_000_000, "--kafka-records must be in [0, 10000000]");
        }
    }

    /** A process of the stack whose CPU and memory the run reports. */
    public record Watched(String name, long pid) {
    }

    public static final int CONNECTIONS_MAX = 256;
    public static final int SECONDS_MAX = 3_600;
    public static final long ORDERS_MAX = 10_000_000;
    public static final double RATE_MAX = 100_000;
    static final int TRACKERS = 2;
    static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    /** How long one sampled order is followed before it is given up on. */
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(120);
    private static final int SAMPLE_QUEUE_MAX = 1_000;
    private static final int PAYMENT_ATTEMPTS_MAX = 50;
    private static final Duration PAYMENT_RETRY = Duration.ofMillis(250);
    /** Each payment is 1% of the order's gross: always part of the 25% revenue share owed. */
    private static final BigDecimal PAYMENT_SHARE = new BigDecimal("0.01");
    /**
     * How long compliance keeps looking for an application to supply its documents to (the
     * regulator may be behind the orders topic under load): 600 looks, 500 ms apart.
     */
    private static final int DOCUMENT_ATTEMPTS_MAX = 600;
    private static final Duration DOCUMENT_RETRY = Duration.ofMillis(500);
    private static final String USAGE = "Training and inference of large language models for search "
        + "and recommendation, hosted in our own data centre";

    private final ApiClient api;
    private final Options options;
    private final List<Watched> watched;
    private final ConsumerLag lag;
    private final KafkaBaseline kafka;
    private final PrintStream out;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final OrderMix mix = new OrderMix(runId);
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong toBeDenied = new AtomicLong();
    private final Latencies post = new Latencies();
    private final StageTracker tracker;
    private final Payer payer;
    private final DocumentSupplier documents;
    private volatile String lastProblem = "";

    public LoadRun(ApiClient api, Options options, List<Watched> watched, ConsumerLag lag,
                   KafkaBaseline kafka, PrintStream out) {
        this.api = api;
        this.options = options;
        this.watched = List.copyOf(watched);
        this.lag = lag;
        this.kafka = kafka;
        this.out = out;
        this.tracker = new StageTracker(api, POLL_INTERVAL, STAGE_TIMEOUT, SAMPLE_QUEUE_MAX);
        this.payer = new Payer(api, PAYMENT_ATTEMPTS_MAX, PAYMENT_RETRY);
        this.documents = new DocumentSupplier(api, DOCUMENT_ATTEMPTS_MAX, DOCUMENT_RETRY);
    }

    public LoadReport run() {
        designate();
        LedgerCounts before = ledgerRetried();
        Map<String, ProcessStats.Reading> cpuBefore = readProcesses();
        String startedAt = Instant.now().toString();
        long t0 = System.nanoTime();
        tracker.start(TRACKERS);
        // As many compliance connections as ERP ones: each order to be granted costs them a look
        // and two documents, where the ERP spent one request.
        documents.start(options.connections());
        if (options.payments()) {
            payer.start(Math.max(1, options.connections() / 4));
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(() -> progress(t0, before), 1, 1, TimeUnit.SECONDS);
        try {
            postOrders(t0);
        } finally {
            stopProgress(progress);
        }
        long loadEnd = System.nanoTime();
        List<ProcessStats.Usage> usage = usage(cpuBefore);
        LoadReport.Lag atStop = new LoadReport.Lag(accepted.get() - ledgerRetried().minus(before).decided(),
            lag.now());
        Drain drain = drain(before, t0, loadEnd);
        tracker.stop();
        documents.stop();
        payer.stop();
        LoadReport.Lag atEnd = new LoadReport.Lag(accepted.get() - drain.counts().decided(), lag.now());
        out.println("measuring Kafka itself on the same broker (" + options.kafkaRecords() + " records)...");
        KafkaBaseline.Result raw = options.kafkaRecords() == 0 ? null : kafka.measure(options.kafkaRecords());
        return report(startedAt, t0, loadEnd, drain, atStop, atEnd, usage, raw);
    }

    private void designate() {
        for (String customer : mix.designatedCustomers()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "Load test buyer " + customer);
            body.put("country", "CN");
            body.put("unitCapPerQuarter", 1_000_000_000L);
            ApiClient.Response r = api.proposeAndApprove("designations/" + customer, body);
            if (!r.isSuccess()) {
                throw new IllegalStateException("cannot designate " + customer + ": HTTP " + r.status()
                    + " " + r.raw());
            }
        }
        for (String productClass : mix.grantedProductClasses()) {
            new ComplianceSteps(api).reportUsShipments("load-" + runId + "-" + productClass.replace(' ', '_'),
                productClass, ComplianceSteps.REPORT_UNITS_MAX);
        }
        out.println("run " + runId + ": designated " + mix.designatedCustomers().size()
            + " customers, reported US shipments of " + mix.grantedProductClasses() + "; posting with " + options.connections() + " connections"
            + (options.rate() > 0 ? " at " + options.rate() + " orders/s" : "")
            + (options.orders() > 0 ? ", " + options.orders() + " orders" : ", " + options.seconds() + " s"));
    }

    private void postOrders(long t0) {
        long deadline = t0 + TimeUnit.SECONDS.toNanos(options.orders() > 0 ? SECONDS_MAX : options.seconds());
        long limit = options.orders() > 0 ? options.orders() : Long.MAX_VALUE;
        ExecutorService workers = Executors.newFixedThreadPool(options.connections());
        for (int c = 0; c < options.connections(); c++) {
            workers.execute(() -> postUntil(t0, deadline, limit));
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SECONDS_MAX + 60, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** One connection's loop: bounded by the order count and the deadline. */
    private void postUntil(long t0, long deadline, long limit) {
        while (!Thread.currentThread().isInterrupted()) {
            long n = next.getAndIncrement();
            if (n >= limit) {
                return;
            }
            long start = System.nanoTime();
            if (options.rate() > 0) {
                // Open loop: latency counts from when the order was due, so queueing shows.
                start = t0 + (long) (n * 1e9 / options.rate());
                while (System.nanoTime() < start && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(Math.min(start - System.nanoTime(), 10_000_000L));
                }
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            postOne(n, start);
        }
    }

    private void postOne(long n, long startNs) {
        OrderMix.Plan plan = mix.plan(n);
        try {
            ApiClient.Response r = api.post(Roles.ERP, api.endpoints().orders() + "/api/v1/orders",
                body(plan, n), Map.of("Idempotency-Key", "load-" + runId + "-" + n));
            long doneNs = System.nanoTime();
            if (r.status() != 202) {
                refused.incrementAndGet();
                lastProblem = "HTTP " + r.status() + " " + abbreviate(r.raw());
                return;
            }
            accepted.incrementAndGet();
            post.record(doneNs - startNs);
            String orderId = r.text("orderId");
            if (plan.denied()) {
                toBeDenied.incrementAndGet();
            } else {
                documents.offer(orderId);
                if (n % options.sampleEvery() == 0) {
                    tracker.offer(orderId, startNs);
                }
                if (options.payments()) {
                    payer.offer(orderId, plan.gross().multiply(PAYMENT_SHARE).setScale(2, RoundingMode.DOWN));
                }
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastProblem = e.getMessage();
        }
    }

    private Map<String, Object> body(OrderMix.Plan plan, long n) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", plan.customerId());
        body.put("customerName", plan.customerName());
        body.put("product", plan.product());
        body.put("quantity", plan.quantity());
        body.put("unitPrice", Map.of("amount", plan.unitPrice().toPlainString(), "currency", "USD"));
        body.put("usageScenario", USAGE);
        body.put("erpReference", "LOAD-" + runId + "-" + n);
        return body;
    }

    private void progress(long t0, LedgerCounts before) {
        try {
            double s = (System.nanoTime() - t0) / 1e9;
            long ok = accepted.get();
            long atLedger = ledger().minus(before).decided();
            out.printf("[%5.1f s] accepted %,d (%.1f/s)  refused %d  errors %d  documents %,d"
                    + "  decided at ledger %,d  sampled %d%s%n", s, ok, ok / s, refused.get(), errors.get(),
                documents.supplied(), atLedger, tracker.sampled(), options.payments() ? "  payments " + payer.accepted() : "");
        } catch (RuntimeException e) {
            out.println("progress: " + e.getMessage());
        }
    }

    /** The ledger's counts once it has decided every accepted order (and posted the payments). */
    private record Drain(LedgerCounts counts, boolean complete, long doneNs) {
    }

    private Drain drain(LedgerCounts before, long t0, long loadEnd) {
        long deadline = loadEnd + TimeUnit.SECONDS.toNanos(options.drainSeconds());
        long lastPrint = System.nanoTime();
        LedgerCounts delta = new LedgerCounts(0, 0, 0, 0, BigDecimal.ZERO);
        while (true) {
            try {
                delta = ledger().minus(before);
            } catch (RuntimeException unreachable) {
                // The ledger may be restarting (supervised): keep the last figures, try again.
                out.println("ledger summary not readable yet: " + unreachable.getMessage());
            }
            boolean ordersIn = delta.decided() >= accepted.get();
            boolean paidIn = !options.payments()
                || (payer.idle() && delta.paid().compareTo(payer.amountAccepted()) >= 0);
            long now = System.nanoTime();
            if ((ordersIn && paidIn) || now > deadline) {
                return new Drain(delta, ordersIn && paidIn, now);
            }
            if (now - lastPrint > TimeUnit.SECONDS.toNanos(2)) {
                out.printf("[%5.1f s] draining: %,d of %,d accepted orders decided at the ledger%n",
                    (now - t0) / 1e9, delta.decided(), accepted.get());
                lastPrint = now;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** Lets a progress line being printed finish: interrupting it would break a pooled connection. */
    private static void stopProgress(ScheduledExecutorService progress) {
        progress.shutdown();
        try {
            if (!progress.awaitTermination(20, TimeUnit.SECONDS)) {
                progress.shutdownNow();
            }
        } catch (InterruptedException e) {
            progress.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The summary, tried up to three times a second apart (a connection may drop under load). */
    private LedgerCounts ledgerRetried() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return ledger();
            } catch (RuntimeException e) {
                last = e;
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
        throw last;
    }

    private LedgerCounts ledger() {
        ApiClient.Response r = api.get(Roles.OPERATOR, api.endpoints().ledger() + "/api/v1/summary?currency=USD");
        if (!r.isSuccess()) {
            throw new IllegalStateException("ledger summary: HTTP " + r.status() + " " + r.raw());
        }
        return LedgerCounts.of(r.body());
    }

    private Map<String, ProcessStats.Reading> readProcesses() {
        Map<String, ProcessStats.Reading> readings = new LinkedHashMap<>();
        for (Watched w : watched) {
            ProcessStats.read(w.pid()).ifPresent(r -> readings.put(w.name(), r));
        }
        return readings;
    }

    private static List<ProcessStats.Usage> usage(Map<String, ProcessStats.Reading> before) {
        List<ProcessStats.Usage> usage = new ArrayList<>();
        before.forEach((name, reading) -> ProcessStats.usageSince(name, reading).ifPresent(usage::add));
        return usage;
    }

    private LoadReport report(String startedAt, long t0, long loadEnd, Drain drain, LoadReport.Lag atStop,
                              LoadReport.Lag atEnd, List<ProcessStats.Usage> usage,
                              KafkaBaseline.Result raw) {
        long ok = accepted.get();
        double acceptedRate = Latencies.perSecond(ok, loadEnd - t0);
        double endToEnd = Latencies.perSecond(drain.counts().decided(), drain.doneNs() - t0);
        LedgerCounts c = drain.counts();
        LoadReport.Orders orders = new LoadReport.Orders(ok + refused.get() + errors.get(), ok,
            refused.get(), errors.get(), toBeDenied.get(), c.requested(), c.decided(), c.authorized(),
            c.denied());
        LoadReport.Documents supplied = new LoadReport.Documents(documents.offered(), documents.supplied(),
            documents.givenUp());
        LoadReport.Payments payments = options.payments() ? new LoadReport.Payments(payer.sent(),
            payer.accepted(), payer.refused(), payer.amountAccepted().toPlainString(),
            c.paid().toPlainString()) : null;
        LoadReport.Ratios ratios = raw == null ? null : new LoadReport.Ratios(
            Latencies.ratio(acceptedRate, raw.producerPerSecond()),
            Latencies.ratio(endToEnd, raw.producerPerSecond()),
            Latencies.ratio(endToEnd, raw.consumerPerSecond()));
        return new LoadReport(runId, startedAt, options.connections(), options.rate(),
            Math.round((loadEnd - t0) / 1e6) / 1000.0, orders, acceptedRate, endToEnd, drain.complete(),
            Math.round((drain.doneNs() - loadEnd) / 1e6) / 1000.0, post.summary(),
            tracker.toAuthorized(), tracker.toPosted(),
            new LoadReport.Sampling(options.sampleEvery(), tracker.sampled(),
                tracker.toAuthorized().count(), tracker.toPosted().count(), POLL_INTERVAL.toMillis()),
            atStop, atEnd, supplied, payments, usage, raw, ratios);
    }

    /** The last refusal or error seen, for the summary. */
    public String lastProblem() {
        return lastProblem;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
