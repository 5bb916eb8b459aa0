package io.tollgate.regulator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.TransactionKind;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The US-volume cap's edges as a table, under the shipped history: each row an application (SKU,
 * destination, quantity, when requested) against the feed's figures of two classes in two quarters.
 */
class UsVolumeRuleTableTest {

    /** US units reported and units authorized per class and quarter: the feed of every row. */
    private static final Map<String, long[]> FEED = Map.of(
            "2026-Q2/H200", new long[] {200, 90},
            "2026-Q2/Instinct MI325X", new long[] {40, 0},
            "2026-Q3/H200", new long[] {21, 0},
            "2026-Q3/Instinct MI325X", new long[] {0, 0});

    @ParameterizedTest(name = "{0}: {1} x{3} to {2} at {4} → {5}")
    @CsvSource(delimiter = '|', textBlock = """
            exactly at 50%                  | H200-SXM-141GB | CN | 10 | 2026-05-01T00:00:00Z | GRANT
            one unit over 50%               | H200-SXM-141GB | CN | 11 | 2026-05-01T00:00:00Z | WAIT
            the other class has room        | MI325X         | CN | 20 | 2026-05-01T00:00:00Z | GRANT
            the other class one over        | MI325X         | CN | 21 | 2026-05-01T00:00:00Z | WAIT
            the other quarter rounds down   | H200-SXM-141GB | CN | 10 | 2026-08-01T00:00:00Z | GRANT
            the other quarter, one over     | H200-SXM-141GB | CN | 11 | 2026-08-01T00:00:00Z | WAIT
            no US units reported            | MI325X         | CN | 1  | 2026-08-01T00:00:00Z | WAIT
            Hong Kong counts as China       | H200-SXM-141GB | HK | 11 | 2026-05-01T00:00:00Z | WAIT
            Macau counts                    | H200-SXM-141GB | MO | 11 | 2026-05-01T00:00:00Z | WAIT
            a second after 15 January       | MI325X         | CN | 1  | 2026-01-15T05:00:00Z | WAIT
            a second before: baseline, none | MI325X         | CN | 1  | 2026-01-15T04:59:59Z | NO_CAP
            """)
    void theCapDecidesByClassPeriodDestinationAndDate(String title, String sku, String destination, long quantity,
                                                      Instant requestedAt, String expected) {
        // given
        Policy inForce = Mother.shippedHistory().inForceAt(requestedAt);
        ApplicationFacts facts = new ApplicationFacts(sku, quantity, Mother.GOOD_SCENARIO, null, destination,
                TransactionKind.EXPORT, null, null);
        String period = Quarter.of(requestedAt);
        String productClass = UsVolumeRule.productClass(sku).orElseThrow();
        long[] figures = FEED.getOrDefault(period + "/" + productClass, new long[] {0, 0});
        UsVolumeStanding standing = new UsVolumeStanding(productClass, period, figures[0], figures[1], 0);

        // when
        boolean capped = UsVolumeRule.capFor(inForce, facts).isPresent();
        Optional<UsVolumeShortfall> shortfall = UsVolumeRule.shortfall(inForce, facts, period, standing);

        // then
        switch (expected) {
            case "GRANT":
                assertThat(capped).isTrue();
                assertThat(shortfall).isEmpty();
                break;
            case "WAIT":
                assertThat(shortfall).hasValueSatisfying(s -> {
                    assertThat(s.allowedUnits()).isEqualTo(figures[0] / 2);
                    assertThat(s.headroom()).isEqualTo(figures[0] / 2 - figures[1]);
                    assertThat(s.text()).contains(productClass, period, "us-volume-50-percent");
                });
                break;
            default:
                assertThat(inForce.version()).isEqualTo("baseline.1");
                assertThat(capped).isFalse();
                assertThat(shortfall).isEmpty();
        }
    }

    @ParameterizedTest(name = "cap destinations {0}: {1} capped = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CN,HK,MO | CN | true
            CN,HK,MO | HK | true
            CN,HK,MO | MO | true
            CN,MO    | HK | false
            CN,MO    | MO | true
            """)
    void aVersionSaysWhichDestinationsItCaps(String destinations, String destination, boolean capped) {
        // given
        UsVolumeCap shipped = Mother.policy2026().usVolumeCap();
        Policy policy = Mother.policy2026().withUsVolumeCap(new UsVolumeCap(shipped.clause(), shipped.text(),
                shipped.ratio(), List.of(destinations.split(",")), shipped.period(), shipped.waitMax()));
        ApplicationFacts facts = new ApplicationFacts("H200", 1, null, null, destination, TransactionKind.EXPORT,
                null, null);

        // when / then
        assertThat(UsVolumeRule.capFor(policy, facts).isPresent()).isEqualTo(capped);
    }

    @ParameterizedTest(name = "a grant with no US-volume assessment waits ({0})")
    @CsvSource({"H200-SXM-141GB", "MI300X"})
    void aGrantNeverPassesTheCapUnassessed(String sku) {
        ApplicationFacts facts = new ApplicationFacts(sku, 1, Mother.GOOD_SCENARIO);
        assertThat(UsVolumeRule.shortfall(Mother.policy2026(), facts, "2026-Q4", null)).isPresent();
    }

    @ParameterizedTest(name = "{0} US units at ratio {1} allow {2}")
    @CsvSource({"0, 0.50, 0", "1, 0.50, 0", "3, 0.50, 1", "1000000000, 0.50, 500000000", "7, 0.3333, 2",
            "10, 1, 10"})
    void theRatioIsAppliedRoundingDown(long usUnits, String ratio, long allowed) {
        assertThat(UsVolumeRule.allowedUnits(ratio, usUnits)).isEqualTo(allowed);
    }
}
