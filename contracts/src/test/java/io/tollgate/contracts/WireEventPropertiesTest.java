package io.tollgate.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Beyond the fixed samples: any record the constructors accept is written by {@link WireJson} in
 * a form its schema accepts, and reads back to the same bytes. A schema stricter than the records
 * would make a valid producer's events fail a non-Java consumer's validation.
 */
class WireEventPropertiesTest {

    /** 2000-01-01 to 2100-01-01, in seconds: the lifetime of any order this ledger will hold. */
    private static final long EPOCH_SECOND_MIN = 946_684_800L;
    private static final long EPOCH_SECOND_MAX = 4_102_444_800L;

    @Property(tries = 100)
    void anyOrderRequestConformsToItsSchemaAndRoundTrips(
            @ForAll("ordersRequested") OrderRequestedV1 order) {
        // when
        byte[] json = WireJson.write(order);

        // then
        assertThat(ContractSchemas.violations(OrderRequestedV1.TYPE, json)).isEmpty();
        assertThat(WireJson.write(WireJson.read(json, OrderRequestedV1.class))).isEqualTo(json);
    }

    @Property(tries = 100)
    void anyPaymentConformsToItsSchemaAndRoundTrips(
            @ForAll("payments") RevenueSharePaidV1 payment) {
        // when
        byte[] json = WireJson.write(payment);

        // then
        assertThat(ContractSchemas.violations(RevenueSharePaidV1.TYPE, json)).isEmpty();
        assertThat(WireJson.write(WireJson.read(json, RevenueSharePaidV1.class))).isEqualTo(json);
    }

    @Property(tries = 100)
    void anyGrantConformsToItsSchemaAndRoundTrips(@ForAll("wireRates") String rate,
                                                  @ForAll("instants") Instant at) {
        // given
        AuthorizationGrantedV1 sample = WireEventSamples.authorizationGranted();
        AuthorizationGrantedV1 grant = new AuthorizationGrantedV1(sample.orderId(),
                sample.authorizationId(), sample.requestEventId(), sample.usExport(),
                sample.cnImport(), new GrantConditions(rate, RevenueShare.DEFAULT_PAYEE),
                sample.policyVersion(), sample.decidedBy(), at);

        // when
        byte[] json = WireJson.write(grant);

        // then
        assertThat(ContractSchemas.violations(AuthorizationGrantedV1.TYPE, json)).isEmpty();
        assertThat(WireJson.write(WireJson.read(json, AuthorizationGrantedV1.class)))
                .isEqualTo(json);
    }

    @Provide
    Arbitrary<OrderRequestedV1> ordersRequested() {
        Arbitrary<Money> unitPrice = money(1_000_000_000L);
        Arbitrary<Long> quantity = Arbitraries.longs().between(1, 100_000);
        Arbitrary<String> scenario = text().injectNull(0.5);
        return Combinators.combine(text(), text(), unitPrice, quantity, scenario, instants())
                .as((id, customer, price, units, usage, at) -> new OrderRequestedV1(id, customer,
                        customer + " Ltd.", WireEventSamples.PRODUCT_SKU,
                        WireEventSamples.PRODUCT_FAMILY, units, price, price.times(units), usage,
                        null, at, null));
    }

    @Provide
    Arbitrary<RevenueSharePaidV1> payments() {
        return Combinators.combine(text(), money(10_000_000_000_000L), text(), instants())
                .as((id, paid, reference, at) -> new RevenueSharePaidV1(id, "payment-" + id,
                        "authorization-" + id, paid, reference, RevenueShare.DEFAULT_PAYEE, at,
                        null));
    }

    /** Rate strings {@link RevenueShare#parseRate} accepts: up to 6 decimals, at most 1. */
    @Provide
    Arbitrary<String> wireRates() {
        Arbitrary<BigDecimal> fractions = Arbitraries.integers().between(0, 999_999)
                .map(millionths -> BigDecimal.valueOf(millionths, 6));
        return Arbitraries.oneOf(
                fractions.map(BigDecimal::toPlainString),
                fractions.map(rate -> rate.stripTrailingZeros().toPlainString()),
                Arbitraries.of("0", "1", "1.0", "1.000000", "0.25"));
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(EPOCH_SECOND_MIN, EPOCH_SECOND_MAX),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    /** Positive money up to {@code minorUnitsMax}, in currencies with 0, 2 and 3 decimals. */
    private static Arbitrary<Money> money(long minorUnitsMax) {
        return Combinators.combine(Arbitraries.longs().between(1, minorUnitsMax),
                Arbitraries.of("USD", "CNY", "JPY", "KWD", "EUR")).as(Money::ofMinor);
    }

    /** Printable ASCII and CJK, as customer names and references really are; never blank. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u4e00', '\u4fff')
                .ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank());
    }
}
