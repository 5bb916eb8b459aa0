package io.tollgate.regulator.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every adopted policy version with when it was adopted, and the one in force at an instant: the
 * version with the latest effective instant at or before it (a version is in force from its
 * effective instant itself); between two versions effective at the same instant, the one adopted
 * later. Before the first effective instant the earliest version governs, so every instant has one.
 */
public record PolicyHistory(List<Adopted> versions) {

    /** Bound on versions kept in one history: each decision scans them. */
    public static final int VERSIONS_MAX = 1_000;

    /** One adopted version; {@code sequence} orders adoptions. */
    public record Adopted(Policy policy, Instant adoptedAt, long sequence) {

        public Adopted {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(adoptedAt, "adoptedAt");
        }

        public Instant effectiveFrom() {
            return policy.effectiveFromOr(adoptedAt);
        }
    }

    private static final Comparator<Adopted> PRECEDENCE = Comparator
            .comparing(Adopted::effectiveFrom).thenComparingLong(Adopted::sequence);

    public PolicyHistory {
        versions = List.copyOf(versions);
        if (versions.isEmpty() || versions.size() > VERSIONS_MAX) {
            throw new IllegalArgumentException("a policy history holds 1.." + VERSIONS_MAX + " versions");
        }
    }

    public Policy inForceAt(Instant at) {
        Objects.requireNonNull(at, "at");
        Adopted best = null;
        for (Adopted a : versions) {
            if (!a.effectiveFrom().isAfter(at) && (best == null || PRECEDENCE.compare(a, best) > 0)) {
                best = a;
            }
        }
        if (best == null) {
            best = versions.stream().min(PRECEDENCE).orElseThrow();
        }
        return best.policy();
    }
}
