package io.tollgate.eventing.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes every meter of a Tollgate service one that Prometheus' own checker accepts, whichever
 * library registered it: snake_case names and label names (Axon writes {@code eventProcessor},
 * {@code payloadType}), no meter type in a name (Axon's {@code successCounter}), a help text on
 * every meter, and help texts without double quotes (OpenMetrics escapes them as {@code \"},
 * which the classic text parser refuses). Quarkus applies every {@link MeterFilter} bean to its
 * registries before any meter is bound, so services need do nothing.
 */
@Singleton
public class PrometheusNames implements MeterFilter {

    /** Axon's meter name prefixes (after snake-casing) and how a help text names them. */
    private static final Map<String, String> AXON_COMPONENTS = Map.of(
            "event_processor", "an Axon event processor",
            "command_bus", "the Axon command bus",
            "event_store", "the Axon event store",
            "query_bus", "the Axon query bus",
            "query_update_emitter", "the Axon query update emitter");

    /** What Axon's message counters and timers count, by the kind in their name. */
    private static final Map<String, String> AXON_KINDS = Map.of(
            "ingested", "handed to",
            "success", "handled successfully by",
            "failure", "that failed in",
            "ignored", "ignored (no handler) by",
            "processed", "finished, with or without success, by",
            "all", "of every outcome in");

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = axonName(snakeCase(id.getName()));
        List<Tag> tags = snakeCaseKeys(id.getTags());
        String description = help(name, id.getDescription(), id.getName());
        boolean unchanged = name.equals(id.getName()) && tags.equals(id.getTags())
                && description.equals(id.getDescription());
        if (unchanged) {
            return id;
        }
        return new Meter.Id(name, Tags.of(tags), id.getBaseUnit(), description, id.getType());
    }

    /** The quantile Tollgate's own timers publish ({@code quantile="0.99"} on the scrape). */
    public static final double P99 = 0.99;
    private static final String TOLLGATE_PREFIX = "tollgate.";

    /**
     * Axon's timers publish six client-side percentiles per message type and component by default:
     * a percentile histogram updated on every message (a few percent of a consumer's CPU in a
     * profile), whose quantiles cannot be aggregated across instances anyway. They are dropped;
     * count, sum and max stay, and rates and averages come from those.
     */
    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() == Meter.Type.TIMER && id.getName().startsWith(TOLLGATE_PREFIX)) {
            // Tollgate's own timers are few (one per group, batch or decision kind): each publishes
            // its p99 over Micrometer's sliding window, which the console shows beside count and sum.
            return DistributionStatisticConfig.builder().percentiles(P99).build().merge(config);
        }
        if (!isAxon(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder().percentiles(new double[0]).percentilesHistogram(false)
                .build().merge(config);
    }

    static boolean isAxon(String mappedName) {
        return AXON_COMPONENTS.keySet().stream().anyMatch(mappedName::startsWith);
    }

    /**
     * {@code eventProcessor.latency} → {@code event_processor.latency}: an underscore before each
     * capital that follows a lower-case letter or digit, then all lower case. Dots stay: the
     * registry's naming convention turns them into underscores.
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            char before = i > 0 ? name.charAt(i - 1) : ' ';
            if (Character.isUpperCase(c) && (Character.isLowerCase(before) || Character.isDigit(before))) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * Axon names its meters {@code <component>.<kind>Counter} and {@code <component>.<kind>Timer}:
     * the type does not belong in a Prometheus name, and a counter and a timer of one name would
     * collide once the suffix is gone, so they become {@code <kind>.messages} (counted, so
     * {@code _messages_total}) and {@code <kind>.duration} (timed, so {@code _duration_seconds}).
     */
    static String axonName(String name) {
        int dot = name.indexOf('.');
        if (dot < 0 || !AXON_COMPONENTS.containsKey(name.substring(0, dot))) {
            return name;
        }
        if (name.endsWith("_counter")) {
            return name.substring(0, name.length() - "_counter".length()) + ".messages";
        }
        if (name.endsWith("_timer")) {
            return name.substring(0, name.length() - "_timer".length()) + ".duration";
        }
        return name;
    }

    private static List<Tag> snakeCaseKeys(List<Tag> tags) {
        List<Tag> out = new ArrayList<>(tags.size());
        for (Tag tag : tags) {
            String key = snakeCase(tag.getKey());
            out.add(key.equals(tag.getKey()) ? tag : Tag.of(key, tag.getValue()));
        }
        return out;
    }

    /**
     * The meter's own help text without double quotes, else ours, else one naming the meter. Ours
     * for Axon's meters ends with the name Axon gives the meter, the one its reference guide uses.
     */
    static String help(String name, String description, String originalName) {
        if (description != null && !description.isBlank()) {
            return description.replace('"', '\'');
        }
        String axon = axonHelp(name);
        if (axon != null) {
            return axon + " (Axon's " + originalName + ")";
        }
        return "Meter " + name + " (its library gives it no description)";
    }

    private static String axonHelp(String name) {
        String[] parts = name.split("\\.");
        String component = AXON_COMPONENTS.get(parts[0]);
        if (component == null || parts.length < 2) {
            return null;
        }
        if (parts.length == 2 && parts[1].equals("capacity")) {
            return "Share of the threads of " + component + " that are busy (1 = all of them)";
        }
        if (parts.length == 2 && parts[1].equals("latency")) {
            return "Milliseconds from the timestamp of the last message handled by " + component
                    + " until it was handled";
        }
        String kind = AXON_KINDS.get(parts[1]);
        if (kind == null || parts.length != 3) {
            return null;
        }
        return (parts[2].equals("messages") ? "Messages " : "Time per message, for messages ")
                + kind + " " + component;
    }
}
