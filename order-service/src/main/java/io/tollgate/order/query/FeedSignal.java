package io.tollgate.order.query;

import io.tollgate.eventing.concurrent.Wakeup;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wakes the change feed's waiting readers, and the loops that listen, when this instance commits new
 * changes. Changes another instance commits are not signalled here: waiters and listeners also look
 * again every poll interval of their own.
 */
@Singleton
public class FeedSignal {

    private final Wakeup commits = new Wakeup();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** How many commits with changes this instance has seen; pass it to {@link #await}. */
    public long seen() {
        return commits.seen();
    }

    /**
     * Runs {@code onChange} after every commit with changes, on the committing thread: it must return
     * at once (wake a loop, nothing more) and not throw.
     */
    public void listen(Runnable onChange) {
        listeners.add(onChange);
    }

    /** Stops running {@code onChange} (the same object that was passed to {@link #listen}). */
    public void unlisten(Runnable onChange) {
        listeners.remove(onChange);
    }

    void changed() {
        commits.wake();
        listeners.forEach(Runnable::run);
    }

    /**
     * Waits until a commit after {@code seen} or for {@code at most}, whichever comes first.
     *
     * @return false if the thread was interrupted (its flag is set again)
     */
    public boolean await(long seen, Duration atMost) {
        return commits.await(seen, atMost);
    }
}
