package io.tollgate.eventing.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 250_000;

    @Test
    void idsAreVersion7WithTheRfcVariantAndCarryTheirMillisecond() {
        // given
        long before = System.currentTimeMillis();

        // when
        UUID id = TimeOrderedIds.next();

        // then
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
        assertThat(UUID.fromString(TimeOrderedIds.nextText()).version()).isEqualTo(7);
    }

    @Test
    void idsDrawnConcurrentlyOnManyThreadsAreAllDistinct() throws Exception {
        // given
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Callable<List<UUID>>> draws = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            draws.add(() -> {
                List<UUID> ids = new ArrayList<>(PER_THREAD);
                for (int i = 0; i < PER_THREAD; i++) {
                    ids.add(TimeOrderedIds.next());
                }
                return ids;
            });
        }

        // when
        Set<UUID> distinct = new HashSet<>();
        try {
            for (Future<List<UUID>> drawn : pool.invokeAll(draws)) {
                distinct.addAll(drawn.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(distinct).hasSize(THREADS * PER_THREAD);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        // given
        UUID first = TimeOrderedIds.next();
        long firstMillis = first.getMostSignificantBits() >>> 16;

        // when: draw until the clock has moved on (bounded: a few milliseconds at most)
        UUID later = TimeOrderedIds.next();
        Instant giveUp = Instant.now().plusSeconds(5);
        while ((later.getMostSignificantBits() >>> 16) == firstMillis && Instant.now().isBefore(giveUp)) {
            later = TimeOrderedIds.next();
        }

        // then: as text too, which is how the stores index them
        assertThat(later.toString()).isGreaterThan(first.toString());
    }

    @Test
    void axonMakesItsMessageIdsWithThisFactory() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIds.class);
        assertThat(UUID.fromString(IdentifierFactory.getInstance().generateIdentifier()).version())
                .isEqualTo(7);
    }
}
