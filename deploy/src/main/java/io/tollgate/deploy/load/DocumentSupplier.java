package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.deploy.demo.ComplianceSteps;
import java.time.Duration;

/**
 * Compliance's side of a load run: supplies the buyer's KYC attestation and the lab's report of
 * every order to be granted once its application waits for them (two calls per order, after a
 * look at the application), as {@link ComplianceSteps} does for the demo. An application the
 * regulator has not received yet is looked at again later, a bounded number of times.
 */
final class DocumentSupplier {

    private static final Duration FIRST_TRY_AFTER = Duration.ofMillis(200);

    private final RetriedCalls<String> calls;

    DocumentSupplier(ApiClient api, int attemptsMax, Duration retryAfter) {
        ComplianceSteps compliance = new ComplianceSteps(api);
        this.calls = new RetriedCalls<>(orderId -> compliance.supplyDocumentsIfAsked(orderId)
            ? RetriedCalls.Outcome.DONE : RetriedCalls.Outcome.LATER, attemptsMax, FIRST_TRY_AFTER, retryAfter);
    }

    void start(int threads) {
        calls.start(threads);
    }

    void offer(String orderId) {
        calls.offer(orderId);
    }

    long offered() {
        return calls.offered();
    }

    long supplied() {
        return calls.done();
    }

    long givenUp() {
        return calls.failed();
    }

    boolean idle() {
        return calls.idle();
    }

    /** Ends the suppliers; orders still waiting are given up. */
    void stop() {
        calls.stop();
    }
}
