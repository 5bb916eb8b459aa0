package io.tollgate.deploy.load;

import io.tollgate.deploy.demo.ApiClient;
import io.tollgate.contracts.Roles;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a sample of accepted orders through the stages the public APIs show: polls the order at
 * order-service until it is {@code AUTHORIZED}, then its journal at ledger-service until it has
 * entries. Following every order would itself load the stack, so only a sample is offered, a few
 * trackers poll one order each at a time, and a full queue drops the sample.
 */
final class StageTracker {

    private record Sample(String orderId, long postStartNs) {
    }

    private final ApiClient api;
    private final Duration pollInterval;
    private final Duration stageTimeout;
    private final BlockingQueue<Sample> queue;
    private final Latencies toAuthorized = new Latencies();
    private final Latencies toPosted = new Latencies();
    private final AtomicLong sampled = new AtomicLong();
    private ExecutorService trackers;
    private volatile boolean stopping;

    StageTracker(ApiClient api, Duration pollInterval, Duration stageTimeout, int queueMax) {
        this.api = api;
        this.pollInterval = pollInterval;
        this.stageTimeout = stageTimeout;
        this.queue = new ArrayBlockingQueue<>(queueMax);
    }

    void start(int threads) {
        trackers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            trackers.execute(this::track);
        }
    }

    void offer(String orderId, long postStartNs) {
        if (queue.offer(new Sample(orderId, postStartNs))) {
            sampled.incrementAndGet();
        }
    }

    long sampled() {
        return sampled.get();
    }

    Latencies.Summary toAuthorized() {
        return toAuthorized.summary();
    }

    Latencies.Summary toPosted() {
        return toPosted.summary();
    }

    /** Lets the trackers finish the queue (each sample bounded by the stage timeout), then ends them. */
    void stop() {
        stopping = true;
        trackers.shutdown();
        try {
            if (!trackers.awaitTermination(stageTimeout.toSeconds() * 2, TimeUnit.SECONDS)) {
                trackers.shutdownNow();
            }
        } catch (InterruptedException e) {
            trackers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void track() {
        while (!Thread.currentThread().isInterrupted()) {
            Sample sample;
            try {
                sample = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (sample == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            follow(sample);
        }
    }

    private void follow(Sample sample) {
        String order = api.endpoints().orders() + "/api/v1/orders/" + sample.orderId();
        String entries = api.endpoints().ledger() + "/api/v1/orders/" + sample.orderId() + "/entries";
        long authorizedNs = awaitStage(() -> "AUTHORIZED".equals(api.get(Roles.ERP, order).text("status")),
            sample.postStartNs());
        if (authorizedNs < 0) {
            return;
        }
        toAuthorized.record(authorizedNs - sample.postStartNs());
        long postedNs = awaitStage(() -> api.get(Roles.AUDITOR, entries).body().path("entries").size() > 0,
            sample.postStartNs());
        if (postedNs >= 0) {
            toPosted.record(postedNs - sample.postStartNs());
        }
    }

    /** Polls until {@code reached}; the time it was first seen, or -1 after the stage timeout. */
    private long awaitStage(java.util.function.BooleanSupplier reached, long sinceNs) {
        long deadline = sinceNs + stageTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (reached.getAsBoolean()) {
                    return System.nanoTime();
                }
            } catch (RuntimeException transientFailure) {
                // A failed poll (timeout under load) is only a missed look; the stage bound holds.
            }
            LockSupport.parkNanos(pollInterval.toNanos());
        }
        return -1;
    }
}
