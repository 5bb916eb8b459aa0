package io.tollgate.contracts;

import static io.tollgate.contracts.ContractAssertions.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire rules of money: plain decimal strings, ISO 4217 currencies, each one's minor unit. */
class MoneyTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1234567.89 | USD
            31500.00   | USD
            31500      | USD
            10.5       | USD
            0          | USD
            -0.01      | USD
            31500      | JPY
            -7         | JPY
            1.234      | KWD
            1.5        | KWD
            8888.88    | CNY
            """)
    void plainDecimalWithinTheCurrencysMinorUnitIsAccepted(String amount, String currency) {
        // when
        Money money = new Money(amount, currency);

        // then
        assertThat(money.amount()).isEqualTo(amount);
        assertThat(money.currency()).isEqualTo(currency);
    }

    @ParameterizedTest(name = "\"{0}\" {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1e3         | USD | amount
            1E+3        | USD | amount
            3.15e4      | USD | amount
            1,000.00    | USD | amount
            '1 000.00'  | USD | amount
            ' 1.00'     | USD | amount
            +1.00       | USD | amount
            01.00       | USD | amount
            .5          | USD | amount
            5.          | USD | amount
            ''          | USD | amount
            NaN         | USD | amount
            Infinity    | USD | amount
            0x1F        | USD | amount
            1.005       | USD | amount
            0.001       | CNY | amount
            1.5         | JPY | amount
            1.0         | JPY | amount
            1.2345      | KWD | amount
            1.00        | usd | currency
            1.00        | US  | currency
            1.00        | USDX | currency
            1.00        | ABC | currency
            1.00        | XXX | currency
            1.00        | XAU | currency
            """)
    void anythingElseIsRejectedNamingTheField(String amount, String currency, String field) {
        // when / then
        assertThatThrownBy(() -> new Money(amount, currency))
                .isInstanceOf(Money.InvalidMoneyException.class);
        assertViolation(() -> new Money(amount, currency), field);
    }

    @Test
    void missingAmountOrCurrencyIsRejectedNamingTheField() {
        // when / then
        assertViolation(() -> new Money(null, "USD"), "amount");
        assertViolation(() -> new Money("1.00", null), "currency");
    }

    @ParameterizedTest(name = "{0} {1} = {2} minor units")
    @CsvSource(delimiter = '|', textBlock = """
            1234567.89  | USD | 123456789
            31500000.00 | USD | 3150000000
            10.5        | USD | 1050
            0           | USD | 0
            -0.01       | USD | -1
            31500       | JPY | 31500
            1.5         | KWD | 1500
            0.001       | KWD | 1
            8888.88     | CNY | 888888
            """)
    void minorUnitsCountTheCurrencysSmallestUnit(String amount, String currency, long minorUnits) {
        // given
        Money money = new Money(amount, currency);

        // when
        long counted = money.minorUnits();

        // then
        assertThat(counted).isEqualTo(minorUnits);
        assertThat(Money.ofMinor(minorUnits, currency)).isEqualTo(money.canonical());
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.5      | USD | 10.50
            10        | USD | 10.00
            10.50     | USD | 10.50
            -0        | USD | 0.00
            -0.00     | USD | 0.00
            7         | JPY | 7
            1.5       | KWD | 1.500
            0.1       | KWD | 0.100
            """)
    void canonicalWritesTheCurrencysScale(String amount, String currency, String canonical) {
        // given
        Money money = new Money(amount, currency);

        // when
        Money written = money.canonical();

        // then
        assertThat(written.amount()).isEqualTo(canonical);
        assertThat(written.canonical()).isEqualTo(written);
    }

    @Test
    void equalValuesWrittenDifferentlyAreEqualOnlyOnceCanonical() {
        // given
        Money short_ = new Money("10.5", "USD");
        Money long_ = new Money("10.50", "USD");

        // when / then record equality compares the strings, so compare canonical forms or values
        assertThat(short_).isNotEqualTo(long_);
        assertThat(short_.canonical()).isEqualTo(long_.canonical());
        assertThat(short_.compareTo(long_)).isZero();
    }

    @Test
    void ofRefusesAValueThatWouldNeedRounding() {
        // when / then
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.005"), "USD"))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Money.of(new BigDecimal("1E+3"), "USD").amount()).isEqualTo("1000.00");
    }

    @Test
    void arithmeticIsExactAndRefusesMixedCurrencies() {
        // given
        Money unitPrice = new Money("31500.00", "USD");

        // when
        Money gross = unitPrice.times(1000);

        // then
        assertThat(gross).isEqualTo(new Money("31500000.00", "USD"));
        assertThat(gross.minus(unitPrice).plus(unitPrice)).isEqualTo(gross);
        assertThatThrownBy(() -> gross.plus(new Money("1.00", "CNY")))
                .isInstanceOf(Money.CurrencyMismatchException.class)
                .hasMessageContaining("USD").hasMessageContaining("CNY");
    }
}
