package io.tollgate.deploy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    private static final long MS = 1_000_000;

    @Test
    void percentilesOfOneToHundredMillisecondsAreTheirNearestRanks() {
        // given: 100, 99, ..., 1 ms, recorded out of order
        Latencies latencies = new Latencies();
        LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).forEach(latencies::record);

        // when
        Latencies.Summary summary = latencies.summary();

        // then
        assertThat(summary).isEqualTo(new Latencies.Summary(100, 50.0, 90.0, 99.0, 100.0));
    }

    @Test
    void nearestRankRoundsUpAndNeverInterpolates() {
        long[] sorted = {10, 20, 30, 40};

        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(20);
        assertThat(Latencies.percentile(sorted, 51)).isEqualTo(30);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(40);
        assertThat(Latencies.percentile(sorted, 0.1)).isEqualTo(10);
        assertThat(Latencies.percentile(new long[] {7}, 99)).isEqualTo(7);
    }

    @Test
    void oneSlowSampleInAHundredIsTheMaxButNotTheP99() {
        // given
        Latencies latencies = new Latencies();
        LongStream.range(0, 99).forEach(i -> latencies.record(2 * MS));
        latencies.record(1_500 * MS);

        // when
        Latencies.Summary summary = latencies.summary();

        // then
        assertThat(summary.p99Ms()).isEqualTo(2.0);
        assertThat(summary.maxMs()).isEqualTo(1_500.0);
    }

    @Test
    void noSamplesGiveAnAllZeroSummaryAndBadInputIsRefused() {
        assertThat(new Latencies().summary()).isEqualTo(new Latencies.Summary(0, 0, 0, 0, 0));
        assertThatThrownBy(() -> new Latencies().record(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.percentile(new long[0], 50))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.percentile(new long[] {1}, 101))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesFromManyThreadsAreAllKept() throws Exception {
        // given
        Latencies latencies = new Latencies();
        ExecutorService pool = Executors.newFixedThreadPool(8);

        // when
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> LongStream.range(0, 10_000).forEach(i -> latencies.record(MS)));
        }
        pool.shutdown();

        // then
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(latencies.summary().count()).isEqualTo(80_000);
        assertThat(latencies.dropped()).isZero();
    }

    @Test
    void ratesKeepOneDecimalAndRatiosSix() {
        assertThat(Latencies.perSecond(105, 5_000_000_000L)).isEqualTo(21.0);
        assertThat(Latencies.perSecond(1, 3_000_000_000L)).isEqualTo(0.3);
        assertThat(Latencies.perSecond(7, 0)).isZero();
        assertThat(Latencies.ratio(21, 79_000)).isEqualTo(0.000266);
        assertThat(Latencies.ratio(2_000, 79_000)).isEqualTo(0.025316);
        assertThat(Latencies.ratio(5, 0)).isZero();
        assertThatThrownBy(() -> Latencies.perSecond(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
