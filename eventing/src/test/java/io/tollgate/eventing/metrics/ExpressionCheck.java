package io.tollgate.eventing.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks the names in a PromQL expression against the metric catalogue. */
final class ExpressionCheck {

    private final MetricCatalog catalog;

    ExpressionCheck(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    /** What is wrong with the names in {@code expr} (empty when all is well), each with {@code where}. */
    List<String> problems(String where, String expr) {
        PromQlNames.Names names = PromQlNames.of(expr);
        List<String> problems = new ArrayList<>();
        Set<String> known = new TreeSet<>(MetricCatalog.TARGET_LABELS);
        if (names.metrics().isEmpty()) {
            problems.add(where + ": names no metric: " + expr);
        }
        for (String metric : names.metrics()) {
            catalog.family(metric).ifPresentOrElse(f -> known.addAll(f.labels()),
                    () -> problems.add(where + ": " + metric + " is not in " + MetricCatalog.FILE));
        }
        for (String label : names.labels()) {
            if (!known.contains(label)) {
                problems.add(where + ": label " + label + " is on none of " + names.metrics());
            }
        }
        return problems;
    }

    /** The catalogue's not-yet-emitted metrics that {@code expr} names. */
    List<String> pendingMetrics(String expr) {
        List<String> pending = new ArrayList<>();
        for (String metric : PromQlNames.of(expr).metrics()) {
            catalog.family(metric).filter(MetricCatalog.Family::pending).ifPresent(f -> pending.add(metric));
        }
        return pending;
    }
}
