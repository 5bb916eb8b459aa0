package io.tollgate.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rebuild's heap guard reads the old generation after a collection, against its fraction. */
class HeapGuardTest {

    /** Kept reachable until the check, so the collection cannot free it. */
    private static final List<long[]> RETAINED = new ArrayList<>();

    @Test
    void aHeapFullerThanTheFractionAfterACollectionStopsTheRebuildWithItsFigures() {
        // given: something long-lived in the old generation, measured by a full collection
        for (int i = 0; i < 64; i++) {
            RETAINED.add(new long[16 * 1024]);
        }
        System.gc();
        assertThat(oldGeneration()).as("this JVM has a pool the guard can read").isNotEmpty();

        // when / then: any retained byte is over a millionth of a percent
        assertThatThrownBy(() -> new HeapGuard(1e-8).check())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the rebuild's working set needs more heap than this instance has")
                .hasMessageContaining("the live journal is unchanged");
        // and the whole heap is never over itself
        assertThatCode(() -> new HeapGuard(1.0).check()).doesNotThrowAnyException();
        assertThat(RETAINED).hasSize(64);
    }

    @Test
    void aFractionOutsideZeroToOneIsRefusedAtStart() {
        for (double bad : new double[] {0, -0.5, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> new HeapGuard(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tollgate.ledger.rebuild-heap-max-fraction must be in (0, 1]");
        }
    }

    private static List<MemoryPoolMXBean> oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()
                        && p.getCollectionUsage() != null && p.getCollectionUsage().getUsed() > 0)
                .toList();
    }
}
