package io.tollgate.eventing.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A wake is never lost, many wakes cost one look, and a wait without a wake ends at its bound. */
class WakeupTest {

    @Test
    void aWakeBetweenTheLookAndTheWaitEndsTheWaitAtOnce() {
        Wakeup wakeup = new Wakeup();
        long seen = wakeup.seen();
        wakeup.wake(); // comes while the loop is still looking

        long start = System.nanoTime();
        assertThat(wakeup.await(seen, Duration.ofMinutes(1))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void manyWakesBeforeALookCostOneLookThenTheNextWaitWaitsAgain() {
        Wakeup wakeup = new Wakeup();
        long before = wakeup.seen();
        for (int i = 0; i < 5; i++) {
            wakeup.wake();
        }
        assertThat(wakeup.await(before, Duration.ofMinutes(1))).isTrue();

        long seen = wakeup.seen();
        long start = System.nanoTime();
        assertThat(wakeup.await(seen, Duration.ofMillis(200))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aWaitingLoopIsWokenByAWakeFromAnotherThread() throws Exception {
        Wakeup wakeup = new Wakeup();
        long seen = wakeup.seen();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            waiting.countDown();
            wakeup.await(seen, Duration.ofMinutes(5));
            return System.nanoTime() - start;
        });
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
        wakeup.wake();

        assertThat(Duration.ofNanos(waited.get(60, TimeUnit.SECONDS))).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void anInterruptedWaitSaysSoAndKeepsTheFlag() {
        Wakeup wakeup = new Wakeup();
        Thread.currentThread().interrupt();
        try {
            assertThat(wakeup.await(wakeup.seen(), Duration.ofMinutes(1))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
