package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.contracts.Roles;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pays part of the revenue share of accepted orders as treasury would: a payment sent before the
 * order is authorized is refused ({@code 409 ORDER_NOT_AUTHORIZED}) and tried again later, a
 * bounded number of times. Each payment has its own Idempotency-Key, so a retry never pays twice.
 */
final class Payer {

    private static final Duration FIRST_TRY_AFTER = Duration.ofMillis(500);

    private record Due(String orderId, BigDecimal amount) {
    }

    private final ApiClient api;
    private final RetriedCalls<Due> calls;
    private final AtomicLong paidCents = new AtomicLong();

    Payer(ApiClient api, int attemptsMax, Duration retryAfter) {
        this.api = api;
        this.calls = new RetriedCalls<>(this::payOnce, attemptsMax, FIRST_TRY_AFTER, retryAfter);
    }

    void start(int threads) {
        calls.start(threads);
    }

    void offer(String orderId, BigDecimal amount) {
        calls.offer(new Due(orderId, amount));
    }

    long sent() {
        return calls.offered();
    }

    long accepted() {
        return calls.done();
    }

    long refused() {
        return calls.failed();
    }

    BigDecimal amountAccepted() {
        return BigDecimal.valueOf(paidCents.get(), 2);
    }

    /** Nothing waiting and nothing being sent. */
    boolean idle() {
        return calls.idle();
    }

    /** Ends the payers; payments still waiting are given up (counted as refused). */
    void stop() {
        calls.stop();
    }

    private RetriedCalls.Outcome payOnce(Due due) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("amount", due.amount().toPlainString(), "currency", "USD"));
        body.put("treasuryReference", "LOAD-PAY-" + due.orderId());
        int status = api.post(Roles.TREASURY, api.endpoints().orders() + "/api/v1/orders/" + due.orderId()
            + "/revenue-share-payments", body, Map.of("Idempotency-Key", "load-pay-" + due.orderId()))
            .status();
        if (status == 202) {
            paidCents.addAndGet(due.amount().movePointRight(2).longValueExact());
            return RetriedCalls.Outcome.DONE;
        }
        // Not authorized yet: the same key again later can only pay once. No answer at all (a
        // thrown exception) is retried the same way by RetriedCalls.
        return status == 409 ? RetriedCalls.Outcome.LATER : RetriedCalls.Outcome.FAILED;
    }
}
