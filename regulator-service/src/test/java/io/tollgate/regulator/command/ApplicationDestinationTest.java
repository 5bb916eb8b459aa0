package io.tollgate.regulator.command;

import static io.tollgate.regulator.command.ApplicationTest.onlyEvent;
import static io.tollgate.regulator.testdata.Mother.AUTHORIZATION;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.ORDER;
import static io.tollgate.regulator.testdata.Mother.REQUEST_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import io.tollgate.contracts.testkit.WireEventSamples;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.ReasonCode;
import io.tollgate.regulator.api.ReceiveApplicationCommand;
import io.tollgate.regulator.policy.Outcome;
import io.tollgate.regulator.testdata.Mother;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Given events → when command → then events for where an order goes and who buys it: the
 * application keeps the order's destination and parties, and the version in force when the order
 * was requested decides by them, naming its clause.
 */
class ApplicationDestinationTest {

    private static final Instant AFTER = Instant.parse("2026-01-15T05:00:00Z");
    private static final Instant BEFORE = Instant.parse("2026-01-15T04:59:59Z");

    private FixtureConfiguration<Application> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Application.class);
    }

    @Test
    void aV2RequestOpensAnApplicationWithItsDestinationAndParties() {
        // given a V2 order to Malaysia for a buyer whose parent sits in Singapore
        var order = new OrderRequestedV2(ORDER, Mother.CUSTOMER, "Example AI Lab",
                "H200-SXM-141GB", "hopper", 10, new Money("31500.00", "USD"),
                new Money("315000.00", "USD"), Mother.GOOD_SCENARIO, null, AFTER, "erp",
                "MY", TransactionKind.EXPORT, "MY", "SG");

        // when / then
        fixture.givenNoPriorActivity()
                .when(ReceiveApplicationCommand.of(REQUEST_EVENT, order, NOW))
                .expectEvents(new ApplicationReceivedEvent(ORDER, REQUEST_EVENT, Mother.CUSTOMER, "Example AI Lab",
                        "H200-SXM-141GB", "hopper", 10, Mother.GOOD_SCENARIO, Quarter.of(AFTER), AFTER, NOW, "MY",
                        TransactionKind.EXPORT, "MY", "SG"));
    }

    @Test
    void aV1RequestUpcastOpensAnApplicationForAnExportToChina() {
        // given
        var v1 = WireEventSamples.orderRequested(ORDER);

        // when / then
        fixture.givenNoPriorActivity()
                .when(ReceiveApplicationCommand.of(REQUEST_EVENT, v1.asV2(), NOW))
                .expectEventsMatching(onlyEvent(ApplicationReceivedEvent.class, e -> {
                    assertThat(e.destination()).isEqualTo("CN");
                    assertThat(e.transactionKind()).isEqualTo(TransactionKind.EXPORT);
                    assertThat(e.buyerHeadquarters()).isNull();
                    assertThat(e.ultimateParentHeadquarters()).isNull();
                }));
    }

    @Test
    void aReexportIsDeniedUnderThePresumptionOfDenialClause() {
        fixture.given(Mother.documented(Mother.receivedFor(AFTER, "CN", TransactionKind.REEXPORT, "CN", "CN")))
                .when(decide())
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.policyVersion()).isEqualTo("2026-01-15.1");
                    assertThat(e.policyClause()).isEqualTo("reexport-transfer-presumption-of-denial");
                    assertThat(e.reasons()).extracting(r -> r.code())
                            .containsExactly(ReasonCode.TRANSACTION_PRESUMPTION_OF_DENIAL);
                    assertThat(e.cnImport()).isNull();
                }));
    }

    @Test
    void anInCountryTransferIsDeniedToo() {
        fixture.given(Mother.documented(Mother.receivedFor(AFTER, "MO", TransactionKind.IN_COUNTRY_TRANSFER, null, null)))
                .when(decide())
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e ->
                        assertThat(e.policyClause()).isEqualTo("reexport-transfer-presumption-of-denial")));
    }

    @Test
    void aBuyerWhoseParentIsHeadquarteredInChinaIsDeniedOutsideChinaAndMacau() {
        fixture.given(Mother.documented(Mother.receivedFor(AFTER, "MY", TransactionKind.EXPORT, "MY", "CN")))
                .when(decide())
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.policyClause()).isEqualTo("macau-d5-headquarters");
                    assertThat(e.reasons().get(0).text()).contains("ultimate parent", "CN");
                }));
    }

    @Test
    void anExportToMacauIsGrantedCaseByCaseFromTheEffectiveInstant() {
        fixture.given(Mother.documented(Mother.receivedFor(AFTER, "MO", TransactionKind.EXPORT, null, null)))
                .when(new DecideApplicationCommand(ORDER, Mother.shippedHistory(), Mother.designated(), AUTHORIZATION,
                        NOW, Mother.ampleUsVolume("H200-SXM-141GB", AFTER)))
                .expectResultMessagePayload(Outcome.GRANT)
                .expectEventsMatching(onlyEvent(ApplicationGrantedEvent.class, e ->
                        assertThat(e.policyClause()).isEqualTo("case-by-case-h200-class")));
    }

    @Test
    void theSameExportToMacauASecondEarlierIsDeniedUnderTheBaseline() {
        fixture.given(Mother.documented(Mother.receivedFor(BEFORE, "MO", TransactionKind.EXPORT, null, null)))
                .when(decide())
                .expectResultMessagePayload(Outcome.DENY)
                .expectEventsMatching(onlyEvent(ApplicationDeniedEvent.class, e -> {
                    assertThat(e.policyVersion()).isEqualTo("baseline.1");
                    assertThat(e.policyClause()).isEqualTo("presumption-of-denial");
                }));
    }

    private static DecideApplicationCommand decide() {
        return new DecideApplicationCommand(ORDER, Mother.shippedHistory(), Mother.designated(), AUTHORIZATION, NOW);
    }
}
