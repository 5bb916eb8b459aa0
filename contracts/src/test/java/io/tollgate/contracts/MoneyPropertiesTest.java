package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Minor units are the ledger's view of money: converting to and from the wire's decimal string
 * must lose nothing, at any realistic size, in currencies with 0, 2 and 3 decimals.
 */
class MoneyPropertiesTest {

    /** Ten trillion minor units either way: far beyond any single order, well inside a long. */
    @Property(tries = 300)
    void ofMinorAndMinorUnitsAreInverse(
            @ForAll @LongRange(min = -10_000_000_000_000L, max = 10_000_000_000_000L) long minor,
            @ForAll("currencies") String currency) {
        // when
        Money money = Money.ofMinor(minor, currency);

        // then
        assertThat(money.minorUnits()).isEqualTo(minor);
        assertThat(money.canonical()).isEqualTo(money);
        assertThat(WireJson.read(WireJson.write(money), Money.class)).isEqualTo(money);
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "CNY", "JPY", "KWD", "EUR");
    }
}
