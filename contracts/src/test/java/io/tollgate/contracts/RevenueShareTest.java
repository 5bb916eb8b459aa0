package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one rounding rule of the contract, as a table: {@code amount × rate}, HALF_EVEN to the
 * currency's minor unit. Every exact tie appears twice, once rounding down and once up, because
 * HALF_EVEN goes to the even neighbour and a HALF_UP implementation would pass half the rows.
 */
class RevenueShareTest {

    @ParameterizedTest(name = "{0} {1} × {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # gross       | ccy | rate  | share      | why
            31500000.00   | USD | 0.25  | 7875000.00 | the sample order: 1000 × H200 at 31,500.00
            0.01          | USD | 0.25  | 0.00       | 0.0025 is below half a cent
            0.03          | USD | 0.25  | 0.01       | 0.0075 is above half a cent
            0.02          | USD | 0.25  | 0.00       | tie 0.005 goes down to the even 0.00
            0.06          | USD | 0.25  | 0.02       | tie 0.015 goes up to the even 0.02
            0.10          | USD | 0.25  | 0.02       | tie 0.025 goes down to the even 0.02
            0.14          | USD | 0.25  | 0.04       | tie 0.035 goes up to the even 0.04
            100.01        | USD | 0.5   | 50.00      | tie 50.005 goes down
            100.03        | USD | 0.5   | 50.02      | tie 50.015 goes up
            0.20          | USD | 0.125 | 0.02       | tie 0.025 at a three-decimal rate
            -0.06         | USD | 0.25  | -0.02      | a negative tie rounds like its mirror image
            -0.10         | USD | 0.25  | -0.02      | a negative tie rounds like its mirror image
            0.18          | CNY | 0.25  | 0.04       | tie 0.045 goes down to the even 0.04
            0.22          | CNY | 0.25  | 0.06       | tie 0.055 goes up to the even 0.06
            225000000.00  | CNY | 0.25  | 56250000.00 | a yuan-priced order
            1             | JPY | 0.25  | 0          | 0.25 yen rounds to nothing
            3             | JPY | 0.25  | 1          | 0.75 yen rounds to one
            2             | JPY | 0.25  | 0          | tie 0.5 goes down to the even 0
            6             | JPY | 0.25  | 2          | tie 1.5 goes up to the even 2
            10            | JPY | 0.25  | 2          | tie 2.5 goes down to the even 2
            14            | JPY | 0.25  | 4          | tie 3.5 goes up to the even 4
            4725000000    | JPY | 0.25  | 1181250000 | a yen-priced order has no decimals
            0.002         | KWD | 0.25  | 0.000      | tie 0.0005 goes down to the even 0.000
            0.006         | KWD | 0.25  | 0.002      | tie 0.0015 goes up to the even 0.002
            1.234         | KWD | 0.25  | 0.308      | tie 0.3085 goes down to the even 0.308
            1.238         | KWD | 0.25  | 0.310      | tie 0.3095 goes up to the even 0.310
            9630000.000   | KWD | 0.25  | 2407500.000 | a dinar-priced order keeps three decimals
            31500000.00   | USD | 0     | 0.00       | rate zero owes nothing
            31500000.00   | USD | 1     | 31500000.00 | rate one owes everything
            10.5          | USD | 0.25  | 2.62       | a short-written amount: tie 2.625 goes down
            """)
    void shareIsRoundedHalfEvenToTheMinorUnit(String gross, String currency, String rate,
                                              String share, String why) {
        // given
        Money amount = new Money(gross, currency);

        // when
        Money owed = RevenueShare.of(amount, new BigDecimal(rate));

        // then
        assertThat(owed).as(why).isEqualTo(new Money(share, currency));
    }

    @Test
    void defaultRateIsAQuarterPayableToTheUsTreasury() {
        // when
        GrantConditions defaults = GrantConditions.defaults();

        // then
        assertThat(defaults.revenueShareRate()).isEqualTo("0.25");
        assertThat(defaults.payee()).isEqualTo("US-TREASURY");
        assertThat(RevenueShare.parseRate(defaults.revenueShareRate()))
                .isEqualByComparingTo("0.25");
    }

    @ParameterizedTest(name = "rate {0}")
    @ValueSource(strings = {"0", "0.25", "0.125", "0.333333", "1", "1.0", "1.000000"})
    void wireRateInZeroToOneIsAccepted(String rate) {
        // when
        BigDecimal parsed = RevenueShare.parseRate(rate);

        // then
        assertThat(parsed).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
    }

    @ParameterizedTest(name = "rate \"{0}\"")
    @ValueSource(strings = {"", "25%", ".25", "0.2500001", "1.5", "1.000001", "-0.25", "2", "0,25",
        "2.5e-1"})
    void wireRateOutsideZeroToOneOrNotPlainIsRejected(String rate) {
        // when / then
        assertThatThrownBy(() -> RevenueShare.parseRate(rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revenueShareRate");
    }

    @Test
    void rateOutsideZeroToOneIsRejectedWhenComputing() {
        // given
        Money gross = new Money("100.00", "USD");

        // when / then
        assertThatThrownBy(() -> RevenueShare.of(gross, new BigDecimal("1.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RevenueShare.of(gross, new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
