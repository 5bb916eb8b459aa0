package io.tollgate.audit.figures;

import io.tollgate.audit.rules.Entry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Which entries a figure includes: all of them ({@code at} null, "now"), or those whose business
 * or recording time is at or before {@code at}, compared in microseconds
 * (docs/ledger-rules.md §8).
 */
public record Cut(Basis basis, Instant at) {

    public static final Cut NOW = new Cut(Basis.BUSINESS, null);

    public Cut {
        Objects.requireNonNull(basis, "basis");
        at = at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    public boolean includes(Entry entry) {
        return at == null || !timeOf(entry).isAfter(at);
    }

    /** The time of {@code entry} this cut compares. */
    public Instant timeOf(Entry entry) {
        return basis == Basis.BUSINESS ? entry.businessTime() : entry.recordedTime();
    }

    /** Whether an entry of these times is included: for rows that are not {@link Entry}s. */
    public boolean includes(Instant business, Instant recorded) {
        Instant t = (basis == Basis.BUSINESS ? business : recorded).truncatedTo(ChronoUnit.MICROS);
        return at == null || !t.isAfter(at);
    }

    public String describe() {
        return at == null ? "now" : "as of " + at + " (" + basis.word() + " basis)";
    }
}
