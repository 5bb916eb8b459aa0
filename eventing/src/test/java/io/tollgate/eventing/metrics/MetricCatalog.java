package io.tollgate.eventing.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** deploy/prometheus/metric-names.txt: the metrics rules and dashboards may name. */
final class MetricCatalog {

    static final String FILE = "deploy/prometheus/metric-names.txt";
    /** Labels Prometheus or our scrape config put on every series. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance", "service");

    /** One metric family: its name as scraped, type, who exposes it, and its own labels. */
    record Family(String name, String type, String source, List<String> labels) {

        /** The names its series are scraped under (a summary adds _count, _sum and _max). */
        List<String> seriesNames() {
            if (type.equals("summary")) {
                return List.of(name + "_count", name + "_sum", name + "_max");
            }
            return List.of(name);
        }

        boolean pending() {
            return source.equals("pending");
        }
    }

    private final Map<String, Family> bySeriesName = new LinkedHashMap<>();
    private final List<Family> families = new ArrayList<>();

    private MetricCatalog() {
    }

    static MetricCatalog load() {
        return parse(RepoFiles.read(FILE));
    }

    /** A catalogue in the file's format: name, type, source and labels per line, # for comments. */
    static MetricCatalog parse(String text) {
        MetricCatalog catalog = new MetricCatalog();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cols = trimmed.split("\\s+");
            if (cols.length != 4) {
                throw new IllegalStateException(FILE + ": expected 4 columns in: " + line);
            }
            List<String> labels = cols[3].equals("-") ? List.of() : List.of(cols[3].split(","));
            Family family = new Family(cols[0], cols[1], cols[2], labels);
            catalog.families.add(family);
            family.seriesNames().forEach(n -> catalog.bySeriesName.put(n, family));
        }
        return catalog;
    }

    List<Family> families() {
        return families;
    }

    Optional<Family> family(String seriesName) {
        return Optional.ofNullable(bySeriesName.get(seriesName));
    }
}
