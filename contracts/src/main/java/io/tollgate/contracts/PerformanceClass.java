package io.tollgate.contracts;

/** Which side of the performance thresholds of the 15 January 2026 rule a product falls on. */
public enum PerformanceClass {
    /** The H200 / MI325X class and lesser equivalents: at or below the thresholds. */
    H200_CLASS,
    /** Above the thresholds. */
    ABOVE_H200_CLASS
}
