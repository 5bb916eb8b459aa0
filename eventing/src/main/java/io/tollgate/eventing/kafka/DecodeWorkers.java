package io.tollgate.eventing.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Decodes the records of a poll on a few threads, keeping their order: checking a record's
 * signature is most of what decoding costs, and each record's check is its own. A poll is cut into
 * contiguous slices; helper threads and the thread that waits for the result take slices until
 * none is left, so the waiting thread never idles while work remains, and a poll too small to be
 * worth sharing is decoded by the waiting thread alone, as if there were no helpers. The live
 * consumer loops and the ledger's rebuild decode through one of these.
 */
public final class DecodeWorkers implements AutoCloseable {

    /** Helper threads one set may have. */
    public static final int HELPERS_MAX = 16;
    /** Items below which a slice is not worth handing to another thread. */
    static final int SLICE_MIN = 64;
    /** Slices per thread, so a thread that finishes early takes another's share. */
    private static final int SLICES_PER_THREAD = 4;

    private final int helpers;
    private final ExecutorService pool;

    /**
     * @param name    the helper threads' name prefix
     * @param helpers threads beside the waiting one, 0..{@value #HELPERS_MAX}
     * @param setting the setting {@code helpers} comes from, named when it is out of range
     */
    public DecodeWorkers(String name, int helpers, String setting) {
        if (helpers < 0 || helpers > HELPERS_MAX) {
            throw new IllegalArgumentException(setting + " must be 0.." + HELPERS_MAX + ", got " + helpers);
        }
        this.helpers = helpers;
        AtomicInteger n = new AtomicInteger();
        this.pool = helpers == 0 ? null : Executors.newFixedThreadPool(helpers, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public int helpers() {
        return helpers;
    }

    /** Maps every item, this thread taking part; the results in the items' order. */
    public <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        return this.<T, R>start(items, f).await();
    }

    /**
     * Starts mapping the items on the helper threads and returns at once, so this thread can do
     * other work meanwhile; {@link Pending#await} joins in with what is left. The function must be
     * safe to run on several threads at once.
     */
    public <T, R> Pending<R> start(List<T> items, Function<? super T, ? extends R> f) {
        int threads = helpers + 1;
        int slices = Math.max(1, Math.min(threads * SLICES_PER_THREAD, items.size() / SLICE_MIN));
        Pending<R> pending = new Pending<>(new ArrayList<>(items), f, slices);
        for (int i = 0; i < Math.min(helpers, slices - 1); i++) {
            pool.execute(pending::work);
        }
        return pending;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** A mapping under way. */
    public static final class Pending<R> {
        private final List<?> items;
        private final Function<Object, ? extends R> f;
        private final int slices;
        private final int sliceSize;
        private final Object[] out;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean cancelled;

        @SuppressWarnings("unchecked")
        private Pending(List<?> items, Function<?, ? extends R> f, int slices) {
            this.items = items;
            this.f = (Function<Object, ? extends R>) f;
            this.slices = slices;
            this.sliceSize = (items.size() + slices - 1) / Math.max(1, slices);
            this.out = new Object[items.size()];
            this.done = new CountDownLatch(slices);
        }

        /** Takes slices until none is left. */
        private void work() {
            for (int s = next.getAndIncrement(); s < slices; s = next.getAndIncrement()) {
                try {
                    if (!cancelled && failure.get() == null) {
                        int to = Math.min(items.size(), (s + 1) * sliceSize);
                        for (int i = s * sliceSize; i < to; i++) {
                            out[i] = f.apply(items.get(i));
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        /**
         * Works on what is left, waits for the helpers' slices and answers every result in order;
         * rethrows the first failure of the function as it was thrown.
         */
        @SuppressWarnings("unchecked")
        public List<R> await() {
            work();
            try {
                done.await();
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding", e);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
            return (List<R>) new ArrayList<>(Arrays.asList(out));
        }

        /** Lets the helpers skip the slices they have not started; nobody awaits this mapping any more. */
        public void cancel() {
            cancelled = true;
        }
    }
}
