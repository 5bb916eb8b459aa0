package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.testkit.WireEventSamples;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

/**
 * Properties of the revenue-share rounding rule that treasury and the ledger rely on. Amounts are
 * generated as minor units up to 10^13 (one hundred billion dollars), rates with up to 6 decimals
 * as the wire allows, in currencies with 0, 2 and 3 decimals.
 */
class RevenueSharePropertiesTest {

    /** Ten trillion minor units: larger than any order Tollgate will see, far inside a long. */
    private static final long MINOR_UNITS_MAX = 10_000_000_000_000L;

    private static final int PARTS_MAX = 12;

    /**
     * A bigger sale never owes less. Treasury and auditors compare orders by size; a rule where
     * 1000.01 owed less than 1000.00 would make every such comparison, and every upward
     * amendment, suspect.
     */
    @Property(tries = 300)
    void shareIsMonotonicInTheAmount(@ForAll("minorUnits") long a, @ForAll("minorUnits") long b,
                                     @ForAll("rates") BigDecimal rate,
                                     @ForAll("currencies") String currency) {
        // given
        Money smaller = Money.ofMinor(Math.min(a, b), currency);
        Money larger = Money.ofMinor(Math.max(a, b), currency);

        // when
        Money shareOfSmaller = RevenueShare.of(smaller, rate);
        Money shareOfLarger = RevenueShare.of(larger, rate);

        // then
        assertThat(shareOfSmaller.compareTo(shareOfLarger)).isLessThanOrEqualTo(0);
    }

    /**
     * The share lies between the exact product rounded down and rounded up, and within half a
     * minor unit of it: rounding never costs the seller, or the government, more than half a
     * cent on an order, so the share is defensible against the exact contract formula.
     */
    @Property(tries = 300)
    void shareIsTheExactProductWithinHalfAMinorUnit(@ForAll("minorUnits") long gross,
                                                    @ForAll("rates") BigDecimal rate,
                                                    @ForAll("currencies") String currency) {
        // given
        Money amount = Money.ofMinor(gross, currency);
        int digits = amount.minorDigits();
        BigDecimal exact = amount.value().multiply(rate);
        BigDecimal halfMinorUnit = new BigDecimal("0.5").movePointLeft(digits);

        // when
        BigDecimal share = RevenueShare.of(amount, rate).value();

        // then
        assertThat(share).isLessThanOrEqualTo(exact.setScale(digits, RoundingMode.CEILING));
        assertThat(share).isGreaterThanOrEqualTo(exact.setScale(digits, RoundingMode.FLOOR));
        assertThat(share.subtract(exact).abs()).isLessThanOrEqualTo(halfMinorUnit);
    }

    /**
     * The share never exceeds the sale and is never negative for a sale: no rate in [0, 1] can
     * make the liability to treasury larger than the receivable it comes from.
     */
    @Property(tries = 300)
    void shareIsBetweenZeroAndTheGross(@ForAll("minorUnits") long gross,
                                       @ForAll("rates") BigDecimal rate,
                                       @ForAll("currencies") String currency) {
        // given
        Money amount = Money.ofMinor(gross, currency);

        // when
        Money share = RevenueShare.of(amount, rate);

        // then
        assertThat(share.isNegative()).isFalse();
        assertThat(share.compareTo(amount)).isLessThanOrEqualTo(0);
    }

    /**
     * A negative amount's share is the negated share. A cancellation reverses the authorization
     * postings with new entries; if rounding were not symmetric the reversal would leave a cent
     * in the US-Treasury liability of an order that owes nothing.
     */
    @Property(tries = 300)
    void shareOfTheNegatedAmountIsTheNegatedShare(@ForAll("minorUnits") long gross,
                                                  @ForAll("rates") BigDecimal rate,
                                                  @ForAll("currencies") String currency) {
        // given
        Money amount = Money.ofMinor(gross, currency);
        Money reversal = Money.ofMinor(-gross, currency);

        // when
        long share = RevenueShare.of(amount, rate).minorUnits();
        long reversedShare = RevenueShare.of(reversal, rate).minorUnits();

        // then
        assertThat(reversedShare).isEqualTo(-share);
    }

    /**
     * How an amount is written ("10.5" or "10.50") does not change what is owed: the share
     * depends on the value, so two services that canonicalise differently still agree.
     */
    @Property(tries = 300)
    void shareIgnoresHowTheAmountIsWritten(@ForAll("minorUnits") long gross,
                                           @ForAll("rates") BigDecimal rate,
                                           @ForAll("currencies") String currency) {
        // given
        Money canonical = Money.ofMinor(gross, currency);
        String shortest = canonical.value().stripTrailingZeros().toPlainString();

        // when
        Money fromShortest = RevenueShare.of(new Money(shortest, currency), rate);

        // then
        assertThat(fromShortest).isEqualTo(RevenueShare.of(canonical, rate));
    }

    /**
     * Treasury pays the share of the whole order in installments. Whatever the split, the
     * installments add up to the share exactly, the running total never exceeds it, and nothing
     * is left outstanding: the order settles at zero, with no phantom cent and no overpayment.
     */
    @Property(tries = 300)
    void installmentsOfTheShareAddUpToItExactly(
            @ForAll("installmentPlans") Tuple3<Money, BigDecimal, List<Long>> plan) {
        // given
        Money share = RevenueShare.of(plan.get1(), plan.get2());
        List<Money> installments = installments(share, plan.get3());

        // when
        Money paid = Money.zero(share.currency());
        for (Money installment : installments) {
            paid = paid.plus(installment);
            assertThat(paid.compareTo(share)).as("running total").isLessThanOrEqualTo(0);
            assertThat(WireEventSamples.revenueSharePaid("order-1", installment).amount())
                    .as("each installment is a valid payment event")
                    .isEqualTo(installment);
        }

        // then
        assertThat(paid).isEqualTo(share);
        assertThat(share.minus(paid).isZero()).isTrue();
    }

    /**
     * Rounding each part of a split amount is not the same as rounding the whole: each part can
     * round by up to half a minor unit, so the parts' shares drift from the whole's by at most
     * ceil(n / 2) minor units for n parts. This is why the contract computes the share once, on
     * the order's gross, and treasury pays installments of that; the bound is the most a
     * per-shipment computation could ever disagree with the ledger.
     */
    @Property(tries = 300)
    void sharesOfPartsDriftFromTheShareOfTheWholeByAtMostHalfAMinorUnitPerPart(
            @ForAll("parts") List<Long> parts, @ForAll("rates") BigDecimal rate,
            @ForAll("currencies") String currency) {
        // given
        long whole = parts.stream().mapToLong(Long::longValue).sum();

        // when
        long shareOfWhole = shareInMinorUnits(whole, rate, currency);
        long sumOfShares = parts.stream()
                .mapToLong(part -> shareInMinorUnits(part, rate, currency))
                .sum();

        // then
        long bound = (parts.size() + 1) / 2;
        assertThat(Math.abs(sumOfShares - shareOfWhole)).isLessThanOrEqualTo(bound);
    }

    /** The drift above is real: two parts of 2 cents owe nothing, their whole owes a cent. */
    @Example
    void sharesOfPartsCanDifferFromTheShareOfTheWhole() {
        // given
        Money part = new Money("0.02", "USD");

        // when
        Money shareOfPart = RevenueShare.of(part, RevenueShare.DEFAULT_RATE);
        Money shareOfWhole = RevenueShare.of(part.plus(part), RevenueShare.DEFAULT_RATE);

        // then
        assertThat(shareOfPart.plus(shareOfPart)).isEqualTo(new Money("0.00", "USD"));
        assertThat(shareOfWhole).isEqualTo(new Money("0.01", "USD"));
    }

    @Provide
    Arbitrary<Long> minorUnits() {
        return Arbitraries.longs().between(0, MINOR_UNITS_MAX)
                .edgeCases(edges -> edges.add(1L, 2L, 3_150_000_000L, MINOR_UNITS_MAX));
    }

    /** Rates with up to 6 decimals, the wire's precision, plus the policy's 25% and the bounds. */
    @Provide
    Arbitrary<BigDecimal> rates() {
        Arbitrary<BigDecimal> any = Arbitraries.integers().between(0, 1_000_000)
                .map(millionths -> BigDecimal.valueOf(millionths, 6).stripTrailingZeros());
        Arbitrary<BigDecimal> notable = Arbitraries.of(RevenueShare.DEFAULT_RATE,
                BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("0.5"), new BigDecimal("0.125"));
        return Arbitraries.frequencyOf(Tuple.of(3, any), Tuple.of(1, notable));
    }

    /** USD and CNY have 2 decimals, JPY none, KWD 3. */
    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "CNY", "JPY", "KWD");
    }

    @Provide
    Arbitrary<List<Long>> parts() {
        return Arbitraries.longs().between(0, MINOR_UNITS_MAX / PARTS_MAX)
                .list().ofMinSize(1).ofMaxSize(PARTS_MAX);
    }

    /** A gross, a rate, and cut points within the share that split it into installments. */
    @Provide
    Arbitrary<Tuple3<Money, BigDecimal, List<Long>>> installmentPlans() {
        Arbitrary<Money> gross = Combinators.combine(minorUnits(), currencies()).as(Money::ofMinor);
        return Combinators.combine(gross, rates()).as(Tuple::of).flatMap(grossAndRate -> {
            long share = RevenueShare.of(grossAndRate.get1(), grossAndRate.get2()).minorUnits();
            return Arbitraries.longs().between(0, share).list().ofMaxSize(PARTS_MAX - 1)
                    .map(cuts -> Tuple.of(grossAndRate.get1(), grossAndRate.get2(), cuts));
        });
    }

    private static long shareInMinorUnits(long gross, BigDecimal rate, String currency) {
        return RevenueShare.of(Money.ofMinor(gross, currency), rate).minorUnits();
    }

    /** Splits {@code share} at the cut points; empty installments are dropped: none is paid. */
    private static List<Money> installments(Money share, List<Long> cuts) {
        List<Long> points = new ArrayList<>(cuts);
        points.add(0L);
        points.add(share.minorUnits());
        points.sort(null);
        List<Money> out = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            long installment = points.get(i) - points.get(i - 1);
            if (installment > 0) {
                out.add(Money.ofMinor(installment, share.currency()));
            }
        }
        return out;
    }
}
