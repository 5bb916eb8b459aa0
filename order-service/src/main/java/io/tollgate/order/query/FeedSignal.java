package io.tollgate.order.query;

import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Wakes the change feed's waiting readers when this instance commits new changes. Changes another
 * instance commits are not signalled here: waiters also look again every poll interval.
 */
@Singleton
public class FeedSignal {

    private final Object monitor = new Object();
    private long changes;

    /** How many commits with changes this instance has seen; pass it to {@link #await}. */
    public long seen() {
        synchronized (monitor) {
            return changes;
        }
    }

    void changed() {
        synchronized (monitor) {
            changes++;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until a commit after {@code seen} or for {@code at most}, whichever comes first.
     *
     * @return false if the thread was interrupted (its flag is set again)
     */
    public boolean await(long seen, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (monitor) {
            while (changes == seen) {
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
