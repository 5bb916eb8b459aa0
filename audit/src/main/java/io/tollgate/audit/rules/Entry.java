package io.tollgate.audit.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A journal entry as the rules derive it: id, kind, order, source event, business and recording
 * time, and balanced lines. Built by {@link Rulebook}, or read back from an exported journal.
 */
public record Entry(String id, Kind kind, String orderId, Source source, Instant businessTime,
                    Instant recordedTime, List<Line> lines) {

    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(businessTime, "businessTime");
        Objects.requireNonNull(recordedTime, "recordedTime");
        lines = List.copyOf(lines);
        if (lines.size() < 2) {
            throw new IllegalArgumentException("entry " + id + " has fewer than two lines");
        }
    }

    /** Per currency, the sum of signed lines; empty for an entry that balances. */
    public Map<String, Long> imbalance() {
        String only = lines.get(0).currency();
        long sum = 0;
        boolean oneCurrency = true;
        for (Line line : lines) {
            oneCurrency &= line.currency().equals(only);
            sum = Math.addExact(sum, line.signedMinor());
        }
        if (oneCurrency) {
            // The common case, without a map: every rule writes an entry in one currency.
            return sum == 0 ? Map.of() : Map.of(only, sum);
        }
        Map<String, Long> net = new HashMap<>();
        for (Line line : lines) {
            net.merge(line.currency(), line.signedMinor(), Math::addExact);
        }
        net.values().removeIf(v -> v == 0);
        return net;
    }
}
