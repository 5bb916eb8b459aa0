package io.tollgate.eventing.concurrent;

import java.time.Duration;

/**
 * Wakes a loop that waits between looks. Wakes are counted, so one that comes while the loop is busy
 * (after its {@link #seen} and before its {@link #await}) is not lost, and many that come together
 * cost one more look, not one each.
 */
public final class Wakeup {

    private final Object monitor = new Object();
    private long wakes;

    /** How many wakes so far; take it before a look and pass it to {@link #await} after. */
    public long seen() {
        synchronized (monitor) {
            return wakes;
        }
    }

    /** Wakes every waiter, and the next {@link #await} of one that has not seen this wake yet. */
    public void wake() {
        synchronized (monitor) {
            wakes++;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until a wake after {@code seen} or for {@code atMost}, whichever comes first.
     *
     * @return false if the thread was interrupted (its flag is set again)
     */
    public boolean await(long seen, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (monitor) {
            while (wakes == seen) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return true;
                }
                try {
                    monitor.wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
