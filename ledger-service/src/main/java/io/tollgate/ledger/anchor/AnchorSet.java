package io.tollgate.ledger.anchor;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The anchors read from the topic, by generation, chain and seq, with where each came from, and the
 * first record that could not be taken as an anchor. Two anchors of one point must agree.
 */
public final class AnchorSet {

    private final Map<Long, Map<String, NavigableMap<Long, ChainPoint>>> points = new TreeMap<>();
    private final Map<ChainPoint, String> where = new HashMap<>();
    private int size;
    private String firstRejected;
    private String firstConflict;

    /** No anchors: journal-only verification. */
    public static AnchorSet none() {
        return new AnchorSet();
    }

    void add(ChainPoint p, String origin) {
        ChainPoint before = points.computeIfAbsent(p.generation(), g -> new TreeMap<>())
                .computeIfAbsent(p.chainId(), c -> new TreeMap<>()).putIfAbsent(p.seq(), p);
        if (before == null) {
            size++;
            where.put(p, origin);
        } else if (!before.equals(p) && firstConflict == null) {
            firstConflict = origin + " vouches for another hash or digest at " + p.chainId() + " seq " + p.seq()
                    + " than " + where.get(before);
        }
    }

    void reject(String reason) {
        if (firstRejected == null) {
            firstRejected = reason;
        }
    }

    public int size() {
        return size;
    }

    /** The anchors of one generation, chain id → seq → point (empty when none). */
    public Map<String, NavigableMap<Long, ChainPoint>> of(long generation) {
        return points.getOrDefault(generation, Map.of());
    }

    /** The generations anchored, lowest first. */
    public Set<Long> generations() {
        return points.keySet();
    }

    /** The first record on the topic that is not a validly signed anchor, or null. */
    public String firstRejected() {
        return firstRejected;
    }

    /** The first point anchored twice with different figures, or null. */
    public String firstConflict() {
        return firstConflict;
    }

    /** Where the anchor came from (topic/partition@offset). */
    public String origin(ChainPoint p) {
        return where.get(p);
    }
}
