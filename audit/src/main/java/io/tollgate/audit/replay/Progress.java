package io.tollgate.audit.replay;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Tells a person on the terminal how a long replay goes: on stderr, at most every
 * {@link #EVERY}, records done of the total, the rate and an estimate of the time left.
 */
public final class Progress {

    static final Duration EVERY = Duration.ofSeconds(2);
    /** The clock is read once per this many records: cheap enough for a hot loop. */
    private static final int CHECK_MASK = 4_095;

    private final PrintWriter err;
    private final boolean quiet;
    private final long everyNanos;
    private final long startedNanos = System.nanoTime();
    private long lastNanos = startedNanos;
    private boolean printed;

    public Progress(PrintWriter err, boolean quiet) {
        this(err, quiet, EVERY);
    }

    Progress(PrintWriter err, boolean quiet, Duration every) {
        this.err = err;
        this.quiet = quiet;
        this.everyNanos = every.toNanos();
    }

    /** Called per record; prints when {@link #EVERY} has passed since the last line. */
    public void tick(String what, long done, long total) {
        if (quiet || (done & CHECK_MASK) != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNanos < everyNanos) {
            return;
        }
        lastNanos = now;
        printed = true;
        double seconds = (now - startedNanos) / 1e9;
        double rate = done / Math.max(seconds, 1e-9);
        String left = total > done && rate > 0
                ? ", about " + Math.round((total - done) / rate) + " s left" : "";
        err.printf("audit: %s %,d of %,d records (%.0f%%), %,.0f records/s%s%n", what, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, left);
        err.flush();
    }

    /** The closing line, printed if any progress line was (so short replays stay silent). */
    public void done(String what, long done) {
        if (quiet || !printed) {
            return;
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        err.printf("audit: %s %,d records in %.1f s (%,.0f records/s)%n", what, done, seconds,
                done / Math.max(seconds, 1e-9));
        err.flush();
    }
}
