package io.tollgate.deploy.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Bounded polling for the demo's asynchronous steps (the services talk through Kafka, so an answer
 * shows up a moment after the request that caused it).
 */
final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Polls {@code probe} until it yields a value or {@code timeout} passes; then fails naming
     * {@code what} and the last thing seen ({@code lastSeen}).
     */
    static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + "; last seen: " + lastSeen.get());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted while waiting for " + what);
            }
        }
    }
}
