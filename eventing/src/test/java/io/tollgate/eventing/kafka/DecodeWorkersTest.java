package io.tollgate.eventing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecodeWorkersTest {

    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void everyItemIsMappedOnceAndTheResultsKeepTheItemsOrder() {
        try (DecodeWorkers workers = new DecodeWorkers("test-decode", 3, "setting")) {
            for (int n : new int[] {0, 1, 63, 64, 127, 128, 129, 500, 2_001}) {
                AtomicInteger calls = new AtomicInteger();

                List<String> out = workers.map(upTo(n), i -> {
                    calls.incrementAndGet();
                    return "r" + i;
                });

                assertThat(out).as("%d items", n).containsExactlyElementsOf(upTo(n).stream().map(i -> "r" + i).toList());
                assertThat(calls).as("%d items", n).hasValue(n);
            }
        }
    }

    @Test
    void aLargePollIsSharedWithTheHelpersAndASmallOneStaysOnTheCallersThread() throws Exception {
        try (DecodeWorkers workers = new DecodeWorkers("test-decode", 2, "setting")) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            // Every slice waits until three threads have started one, so the caller cannot do it all.
            CountDownLatch three = new CountDownLatch(3);
            workers.map(upTo(2_000), i -> {
                if (threads.add(Thread.currentThread().getName())) {
                    three.countDown();
                }
                try {
                    three.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return i;
            });
            assertThat(threads).hasSize(3).contains(Thread.currentThread().getName())
                    .anyMatch(name -> name.startsWith("test-decode-"));

            Set<String> small = ConcurrentHashMap.newKeySet();
            workers.map(upTo(127), i -> small.add(Thread.currentThread().getName()));
            assertThat(small).containsExactly(Thread.currentThread().getName());
        }
    }

    @Test
    void withoutHelpersTheCallerMapsEverythingWhenItAwaits() {
        try (DecodeWorkers workers = new DecodeWorkers("test-decode", 0, "setting")) {
            AtomicInteger calls = new AtomicInteger();
            DecodeWorkers.Pending<Integer> pending = workers.start(upTo(1_000), i -> {
                calls.incrementAndGet();
                return i * 2;
            });
            assertThat(calls).as("nothing runs before the caller awaits").hasValue(0);

            assertThat(pending.await()).hasSize(1_000).startsWith(0, 2, 4).endsWith(1_998);
        }
    }

    @Test
    void aFailureOfTheFunctionIsRethrownAsItWasThrown() {
        try (DecodeWorkers workers = new DecodeWorkers("test-decode", 2, "setting")) {
            assertThatThrownBy(() -> workers.map(upTo(1_000), i -> {
                if (i == 777) {
                    throw new IllegalArgumentException("bad item " + i);
                }
                return i;
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad item 777");

            // The set is still usable afterwards.
            assertThat(workers.map(upTo(300), i -> i + 1)).hasSize(300).endsWith(300);
        }
    }

    @Test
    void nullResultsAreKeptInPlace() {
        try (DecodeWorkers workers = new DecodeWorkers("test-decode", 1, "setting")) {
            List<Integer> out = workers.map(upTo(400), i -> i % 100 == 0 ? null : i);
            assertThat(out).hasSize(400);
            assertThat(out.get(0)).isNull();
            assertThat(out.get(200)).isNull();
            assertThat(out.get(201)).isEqualTo(201);
        }
    }

    @Test
    void aHelperCountOutOfRangeIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new DecodeWorkers("x", -1, "tollgate.consumer.decode-threads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tollgate.consumer.decode-threads").hasMessageContaining("0..16");
        assertThatThrownBy(() -> new DecodeWorkers("x", 17, "tollgate.consumer.decode-threads"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
