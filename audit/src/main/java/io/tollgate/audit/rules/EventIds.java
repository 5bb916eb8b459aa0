package io.tollgate.audit.rules;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

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

    /** Adds {@code id}; false if it was there already. */
    boolean add(String id) {
        UUID uuid = canonicalUuid(id);
        if (uuid == null) {
            return others.add(id);
        }
        if ((size + 1) * LOAD_DENOMINATOR > high.length * LOAD_NUMERATOR) {
            grow();
        }
        return insert(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    boolean contains(String id) {
        UUID uuid = canonicalUuid(id);
        if (uuid == null) {
            return others.contains(id);
        }
        long h = uuid.getMostSignificantBits();
        long l = uuid.getLeastSignificantBits();
        int mask = high.length - 1;
        for (int i = slot(h, l, mask); used[i]; i = (i + 1) & mask) {
            if (high[i] == h && low[i] == l) {
                return true;
            }
        }
        return false;
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

    /** The UUID when {@code id} is its canonical text (lower case, dashed), else null. */
    private static UUID canonicalUuid(String id) {
        if (id.length() != 36) {
            return null;
        }
        try {
            UUID uuid = UUID.fromString(id);
            return uuid.toString().equals(id) ? uuid : null;
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
