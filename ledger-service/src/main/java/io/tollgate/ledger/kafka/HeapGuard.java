package io.tollgate.ledger.kafka;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Stops a rebuild before its working set (every order, event id and running balance, held in
 * memory until the swap) can exhaust the heap that live posting shares: when, after a collection,
 * a long-lived heap pool (the old generation) holds more than a fraction of its maximum, the check
 * throws and the rebuild fails like any other, leaving the live journal as it was. The figure read
 * is the pool's usage after its last collection, so garbage does not trip it.
 */
final class HeapGuard {

    private final double fraction;
    private final List<MemoryPoolMXBean> pools;

    HeapGuard(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("tollgate.ledger.rebuild-heap-max-fraction must be in (0, 1]: "
                    + fraction);
        }
        this.fraction = fraction;
        // The young pools (eden, survivor) support no usage threshold; the old generation does.
        this.pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()
                        && p.isCollectionUsageThresholdSupported())
                .toList();
    }

    /** Throws when a long-lived heap pool held more than the fraction of its maximum after its last collection. */
    void check() {
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage after = pool.getCollectionUsage();
            if (after == null || after.getMax() <= 0) {
                continue;
            }
            if (after.getUsed() > fraction * after.getMax()) {
                throw new IllegalStateException(String.format("the rebuild's working set needs more heap than this"
                        + " instance has: after a collection %s held %d of %d MB, over %.0f%%"
                        + " (tollgate.ledger.rebuild-heap-max-fraction); the live journal is unchanged. Rebuild on an"
                        + " instance with a larger heap (-Xmx)", pool.getName(), after.getUsed() >> 20,
                        after.getMax() >> 20, fraction * 100));
            }
        }
    }
}
