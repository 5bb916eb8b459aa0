package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.AUTHORIZATION;
import static io.tollgate.regulator.testdata.Mother.GOOD_SCENARIO;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.ORDER;
import static io.tollgate.regulator.testdata.Mother.received;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.DecideApplicationCommand;
import io.tollgate.regulator.api.PassOverSupplyCommand;
import io.tollgate.regulator.api.SupplyPassedOverEvent;
import io.tollgate.regulator.api.WithdrawApplicationCommand;
import io.tollgate.regulator.api.Withdrawal;
import io.tollgate.regulator.testdata.Mother;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Given events → when command → then events: a supply that reaches an application after its
 * decision or withdrawal is recorded as passed over, naming the state that made it late, and
 * changes nothing else; an open application never passes one over.
 */
class ApplicationPassOverTest {

    private static final String SUPPLY_EVENT = "6f2d8a41-b3c7-4e95-9a0d-e7c1f5b3a286";
    /** A licensable product: with both documents on file, the 2026 version grants it. */
    private static final String H200 = "H200-SXM-141GB";

    private final FixtureConfiguration<Application> fixture = new AggregateTestFixture<>(Application.class);

    @Test
    void aDocumentAfterTheGrantIsPassedOverNamingItsKindAndTheGrant() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .andGivenCommands(decideUnder2026())
                .when(PassOverSupplyCommand.document(ORDER, SUPPLY_EVENT, DocumentKind.LAB_TEST_REPORT, NOW))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SupplyPassedOverEvent(ORDER, SupplyPassedOverV1.DOCUMENT, SUPPLY_EVENT,
                        DocumentKind.LAB_TEST_REPORT, ApplicationStatus.GRANTED, NOW));
    }

    @Test
    void aScenarioAfterTheDenialIsPassedOverWithoutADocumentKind() {
        fixture.given(received("B200", 10, GOOD_SCENARIO))
                .andGivenCommands(decideUnder2026())
                .when(PassOverSupplyCommand.usageScenario(ORDER, SUPPLY_EVENT, NOW))
                .expectEvents(new SupplyPassedOverEvent(ORDER, SupplyPassedOverV1.USAGE_SCENARIO, SUPPLY_EVENT,
                        null, ApplicationStatus.DENIED, NOW));
    }

    @Test
    void aSupplyAfterTheWithdrawalIsPassedOverNamingTheWithdrawal() {
        fixture.given(received(H200, 10, GOOD_SCENARIO),
                        new ApplicationWithdrawnEvent(ORDER, ApplicationStatus.RECEIVED, "customer withdrew", NOW))
                .when(PassOverSupplyCommand.document(ORDER, SUPPLY_EVENT, DocumentKind.BUYER_KYC_ATTESTATION, NOW))
                .expectEvents(new SupplyPassedOverEvent(ORDER, SupplyPassedOverV1.DOCUMENT, SUPPLY_EVENT,
                        DocumentKind.BUYER_KYC_ATTESTATION, ApplicationStatus.WITHDRAWN, NOW));
    }

    @Test
    void aPassedOverSupplyChangesNothingSoTheGrantsUnitsAreStillGivenBackOnCancellation() {
        fixture.given(Mother.documented(received(H200, 10, GOOD_SCENARIO)))
                .andGivenCommands(decideUnder2026(),
                        PassOverSupplyCommand.document(ORDER, SUPPLY_EVENT, DocumentKind.LAB_TEST_REPORT, NOW),
                        PassOverSupplyCommand.usageScenario(ORDER, "d0b4e7a1-9c36-4e85-a2f1-6b8c3d5e7f90", NOW))
                .when(new WithdrawApplicationCommand(ORDER, "customer withdrew", NOW))
                .expectResultMessagePayload(Withdrawal.UNITS_RETURNED);
    }

    @Test
    void anOpenApplicationNeverPassesASupplyOver() {
        fixture.given(received(H200, 10, GOOD_SCENARIO))
                .when(PassOverSupplyCommand.usageScenario(ORDER, SUPPLY_EVENT, NOW))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("RECEIVED"))
                .expectNoEvents();
    }

    @Test
    void aPassedOverDocumentNamesItsKindAndAScenarioNone() {
        assertThatThrownBy(() -> new PassOverSupplyCommand(ORDER, SupplyPassedOverV1.DOCUMENT, SUPPLY_EVENT, null,
                NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PassOverSupplyCommand(ORDER, SupplyPassedOverV1.USAGE_SCENARIO, SUPPLY_EVENT,
                DocumentKind.LAB_TEST_REPORT, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PassOverSupplyCommand(ORDER, "EXPORT_LICENCE", SUPPLY_EVENT, null, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DecideApplicationCommand decideUnder2026() {
        return new DecideApplicationCommand(ORDER, Mother.historyOf(Mother.policy2026()), Mother.designated(),
                AUTHORIZATION, NOW, Mother.ampleUsVolume());
    }
}
