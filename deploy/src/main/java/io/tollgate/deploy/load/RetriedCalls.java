package io.tollgate.deploy.load;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls on accepted orders that the stack may answer "not yet" (a payment before the grant,
 * documents before the regulator has the application): each item is tried by a few worker threads
 * a moment after it is offered and again after {@code retryAfter}, at most {@code attemptsMax}
 * times; at most {@link #PENDING_MAX} items wait. Counts what was done and what was given up.
 */
final class RetriedCalls<T> {

    /** Items waiting at most; more are not taken (and not counted as offered). */
    static final int PENDING_MAX = 100_000;

    /** What one attempt came to. */
    enum Outcome { DONE, LATER, FAILED }

    /** One attempt on one item; a thrown exception counts as {@link Outcome#LATER}. */
    interface Attempt<T> {
        Outcome attempt(T item);
    }

    private static final class Due<T> implements Delayed {
        final T item;
        final int attempt;
        final long atNs;

        Due(T item, int attempt, long atNs) {
            this.item = item;
            this.attempt = attempt;
            this.atNs = atNs;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNs - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNs, ((Due<?>) other).atNs);
        }
    }

    private final Attempt<T> call;
    private final int attemptsMax;
    private final Duration firstTryAfter;
    private final Duration retryAfter;
    private final DelayQueue<Due<T>> pending = new DelayQueue<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private ExecutorService workers;
    private volatile boolean stopping;

    RetriedCalls(Attempt<T> call, int attemptsMax, Duration firstTryAfter, Duration retryAfter) {
        if (attemptsMax < 1) {
            throw new IllegalArgumentException("attemptsMax must be at least 1");
        }
        this.call = call;
        this.attemptsMax = attemptsMax;
        this.firstTryAfter = firstTryAfter;
        this.retryAfter = retryAfter;
    }

    void start(int threads) {
        workers = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            workers.execute(this::work);
        }
    }

    void offer(T item) {
        if (pending.size() < PENDING_MAX) {
            offered.incrementAndGet();
            pending.add(new Due<>(item, 1, System.nanoTime() + firstTryAfter.toNanos()));
        }
    }

    long offered() {
        return offered.get();
    }

    long done() {
        return done.get();
    }

    long failed() {
        return failed.get();
    }

    /** Nothing waiting and nothing being tried. */
    boolean idle() {
        return pending.isEmpty() && inFlight.get() == 0;
    }

    /** Ends the workers; items still waiting are given up (counted as failed). */
    void stop() {
        stopping = true;
        if (workers == null) {
            return;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        failed.addAndGet(pending.size());
        pending.clear();
    }

    private void work() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            Due<T> due;
            try {
                due = pending.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (due != null) {
                inFlight.incrementAndGet();
                try {
                    tryOnce(due);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }
    }

    private void tryOnce(Due<T> due) {
        Outcome outcome;
        try {
            outcome = call.attempt(due.item);
        } catch (RuntimeException noAnswer) {
            outcome = Outcome.LATER;
        }
        if (outcome == Outcome.DONE) {
            done.incrementAndGet();
        } else if (outcome == Outcome.LATER && due.attempt < attemptsMax) {
            pending.add(new Due<>(due.item, due.attempt + 1, System.nanoTime() + retryAfter.toNanos()));
        } else {
            failed.incrementAndGet();
        }
    }
}
