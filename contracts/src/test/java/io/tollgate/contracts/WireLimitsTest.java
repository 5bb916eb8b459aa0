package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The amount bound is the same count of minor units in every currency, and sums stay in a long. */
class WireLimitsTest {

    @ParameterizedTest(name = "{0} {1} within: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10000000000.00    | USD | true
            10000000000.01    | USD | false
            -10000000000.00   | USD | true
            100000000000000000.00 | USD | false
            1000000000000     | JPY | true
            1000000000001     | JPY | false
            1000000000.000    | BHD | true
            1000000000.001    | BHD | false
            """)
    void amountsUpToTheBoundInMinorUnitsAreWithin(String amount, String currency, boolean within) {
        // when
        boolean actual = WireLimits.amountWithin(new Money(amount, currency));

        // then
        assertThat(actual).isEqualTo(within);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"USD", "JPY", "BHD"})
    void theMaximumIsTheBoundInTheCurrencysMinorUnit(String currency) {
        // when
        Money max = WireLimits.amountMax(currency);

        // then
        assertThat(max.minorUnits()).isEqualTo(WireLimits.AMOUNT_MINOR_UNITS_MAX);
        assertThat(WireLimits.amountWithin(max)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"USD"})
    void manyOrdersOfTheLargestSizeStillFitALong(String currency) {
        // given: a million orders at the bound, plus their 25% share, in one account
        long orders = 1_000_000;

        // when
        long total = Math.multiplyExact(orders, WireLimits.AMOUNT_MINOR_UNITS_MAX * 5 / 4);

        // then: no overflow, and an order of magnitude of headroom remains
        assertThat(total).isLessThan(Long.MAX_VALUE / 5);
        assertThat(WireLimits.amountMax(currency).amount()).isEqualTo("10000000000.00");
    }
}
