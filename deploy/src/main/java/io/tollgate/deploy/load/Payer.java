package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.contracts.Roles;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pays part of the revenue share of accepted orders as treasury would: a payment sent before the
 * order is authorized is refused ({@code 409 ORDER_NOT_AUTHORIZED}) and tried again later, a
 * bounded number of times. Each payment has its own Idempotency-Key, so a retry never pays twice.
 */
final class Payer {

    /** Orders waiting to be paid at most; more are not paid (and not counted as sent). */
    static final int PENDING_MAX = 100_000;
    private static final Duration FIRST_TRY_AFTER = Duration.ofMillis(500);

    private static final class Due implements Delayed {
        final String orderId;
        final BigDecimal amount;
        final int attempt;
        final long atNs;

        Due(String orderId, BigDecimal amount, int attempt, long atNs) {
            this.orderId = orderId;
            this.amount = amount;
            this.attempt = attempt;
            this.atNs = atNs;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNs - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNs, ((Due) other).atNs);
        }
    }

    private final ApiClient api;
    private final int attemptsMax;
    private final Duration retryAfter;
    private final DelayQueue<Due> pending = new DelayQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong paidCents = new AtomicLong();
    private ExecutorService payers;
    private volatile boolean stopping;

    Payer(ApiClient api, int attemptsMax, Duration retryAfter) {
        this.api = api;
        this.attemptsMax = attemptsMax;
        this.retryAfter = retryAfter;
    }

    void start(int threads) {
        payers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            payers.execute(this::pay);
        }
    }

    void offer(String orderId, BigDecimal amount) {
        if (pending.size() < PENDING_MAX) {
            sent.incrementAndGet();
            pending.add(new Due(orderId, amount, 1, System.nanoTime() + FIRST_TRY_AFTER.toNanos()));
        }
    }

    long sent() {
        return sent.get();
    }

    long accepted() {
        return accepted.get();
    }

    long refused() {
        return refused.get();
    }

    BigDecimal amountAccepted() {
        return BigDecimal.valueOf(paidCents.get(), 2);
    }

    /** Nothing waiting and nothing being sent. */
    boolean idle() {
        return pending.isEmpty() && inFlight.get() == 0;
    }

    /** Ends the payers; payments still waiting are given up (counted as refused). */
    void stop() {
        stopping = true;
        if (payers == null) {
            return;
        }
        payers.shutdown();
        try {
            if (!payers.awaitTermination(30, TimeUnit.SECONDS)) {
                payers.shutdownNow();
            }
        } catch (InterruptedException e) {
            payers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        refused.addAndGet(pending.size());
        pending.clear();
    }

    private void pay() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            Due due;
            try {
                due = pending.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (due != null) {
                inFlight.incrementAndGet();
                try {
                    payOnce(due);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }
    }

    private void payOnce(Due due) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("amount", due.amount.toPlainString(), "currency", "USD"));
        body.put("treasuryReference", "LOAD-PAY-" + due.orderId);
        int status;
        try {
            status = api.post(Roles.TREASURY, api.endpoints().orders() + "/api/v1/orders/" + due.orderId
                + "/revenue-share-payments", body, Map.of("Idempotency-Key", "load-pay-" + due.orderId))
                .status();
        } catch (RuntimeException e) {
            status = -1;
        }
        if (status == 202) {
            accepted.incrementAndGet();
            paidCents.addAndGet(due.amount.movePointRight(2).longValueExact());
        } else if ((status == 409 || status == -1) && due.attempt < attemptsMax) {
            // Not authorized yet (or no answer): the same key again later can only pay once.
            pending.add(new Due(due.orderId, due.amount, due.attempt + 1, System.nanoTime() + retryAfter.toNanos()));
        } else {
            refused.incrementAndGet();
        }
    }
}
