package io.tollgate.deploy.load;

import java.util.Arrays;

/**
 * Latency samples of one stage, kept exactly (no histogram buckets) up to {@link #SAMPLES_MAX};
 * percentiles by nearest rank. Thread-safe: many workers record into one instance.
 */
public final class Latencies {

    /** 2,000 orders/s for 10 minutes is 1.2 M samples; beyond the bound samples are counted only. */
    public static final int SAMPLES_MAX = 2_000_000;
    private static final int INITIAL_CAPACITY = 4_096;

    private long[] nanos = new long[INITIAL_CAPACITY];
    private int size;
    private long dropped;

    /** The summary of a stage's samples in milliseconds; all zero when there were none. */
    public record Summary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    }

    public synchronized void record(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("a latency cannot be negative: " + latencyNanos);
        }
        if (size == SAMPLES_MAX) {
            dropped++;
            return;
        }
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.min(SAMPLES_MAX, nanos.length * 2));
        }
        nanos[size++] = latencyNanos;
    }

    /** Samples recorded beyond {@link #SAMPLES_MAX} (not in the percentiles). */
    public synchronized long dropped() {
        return dropped;
    }

    public synchronized Summary summary() {
        if (size == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        return new Summary(size, millis(percentile(sorted, 50)), millis(percentile(sorted, 90)),
            millis(percentile(sorted, 99)), millis(sorted[size - 1]));
    }

    /**
     * The nearest-rank percentile of sorted samples: the smallest sample such that at least
     * {@code p} percent of all samples are at or below it.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0 || p <= 0 || p > 100) {
            throw new IllegalArgumentException("need samples and 0 < p <= 100, got " + sorted.length
                + " samples and p=" + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** Milliseconds with a tenth of a millisecond kept (for reports, not arithmetic). */
    static double millis(long nanos) {
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    /** Events per second over an interval, with one decimal kept; 0 for an empty interval. */
    public static double perSecond(long count, long elapsedNanos) {
        if (count < 0 || elapsedNanos < 0) {
            throw new IllegalArgumentException("negative count or interval: " + count + ", " + elapsedNanos);
        }
        if (elapsedNanos == 0) {
            return 0;
        }
        return Math.round(count * 1e10 / elapsedNanos) / 10.0;
    }

    /** {@code part / whole} with six decimals (our rates are far below Kafka's); 0 for a 0 whole. */
    public static double ratio(double part, double whole) {
        return whole == 0 ? 0 : Math.round(part / whole * 1e6) / 1e6;
    }
}
