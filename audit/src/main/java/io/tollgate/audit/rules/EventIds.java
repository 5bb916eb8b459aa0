package io.tollgate.audit.rules;

import java.util.HashSet;
import java.util.Set;

/**
 * The event ids applied so far. Ids are compared as exact strings (docs/ledger-rules.md §1); a
 * canonical lower-case UUID, which is what producers send, is kept as two longs in an
 * open-addressing table (a replay of ten million events keeps ten million of them), anything else
 * as a string.
 */
final class EventIds {

    private static final int CAPACITY_FIRST = 1 << 16;
    /** Grows at 5/8 full, so a probe sequence stays short. */
    private static final int LOAD_NUMERATOR = 5;
    private static final int LOAD_DENOMINATOR = 8;

    private long[] high = new long[CAPACITY_FIRST];
    private long[] low = new long[CAPACITY_FIRST];
    private boolean[] used = new boolean[CAPACITY_FIRST];
    private int size;
    private final Set<String> others = new HashSet<>();

    /** An id as this set keeps it: its two halves when it is a canonical UUID, else its text. */
    record Key(long high, long low, String text) {
    }

    static Key keyOf(String id) {
        long[] halves = canonicalUuid(id);
        return halves == null ? new Key(0, 0, id) : new Key(halves[0], halves[1], null);
    }

    boolean contains(Key key) {
        if (key.text() != null) {
            return others.contains(key.text());
        }
        int mask = high.length - 1;
        for (int i = slot(key.high(), key.low(), mask); used[i]; i = (i + 1) & mask) {
            if (high[i] == key.high() && low[i] == key.low()) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code key}; false if it was there already. */
    boolean add(Key key) {
        if (key.text() != null) {
            return others.add(key.text());
        }
        if ((size + 1) * LOAD_DENOMINATOR > high.length * LOAD_NUMERATOR) {
            grow();
        }
        return insert(key.high(), key.low());
    }

    int size() {
        return size + others.size();
    }

    private boolean insert(long h, long l) {
        int mask = high.length - 1;
        int i = slot(h, l, mask);
        while (used[i]) {
            if (high[i] == h && low[i] == l) {
                return false;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        high[i] = h;
        low[i] = l;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        boolean[] oldUsed = used;
        high = new long[oldHigh.length * 2];
        low = new long[oldHigh.length * 2];
        used = new boolean[oldHigh.length * 2];
        size = 0;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                insert(oldHigh[i], oldLow[i]);
            }
        }
    }

    private static int slot(long h, long l, int mask) {
        long x = h * 0x9E3779B97F4A7C15L ^ l;
        x ^= x >>> 31;
        return (int) (x ^ x >>> 17) & mask;
    }

    /**
     * The two halves of {@code id} when it is exactly the canonical text of a UUID (8-4-4-4-12
     * lower-case hex digits), else null: another spelling of the same UUID is another id.
     */
    private static long[] canonicalUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        long[] halves = new long[2];
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (v < 0) {
                return null;
            }
            halves[digits / 16] = halves[digits / 16] << 4 | v;
            digits++;
        }
        return halves;
    }
}
