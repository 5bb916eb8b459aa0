package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.CUSTOMER;
import static io.tollgate.regulator.testdata.Mother.NOW;
import static io.tollgate.regulator.testdata.Mother.QUARTER;

import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.AssessStandingCommand;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.ReserveUnitsCommand;
import io.tollgate.regulator.api.ReturnUnitsCommand;
import io.tollgate.regulator.api.RevokeDesignationCommand;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.api.UnitsUnavailableException;
import io.tollgate.regulator.policy.CustomerStanding;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The register of designated customers and their quarterly unit counts. */
class DesignationTest {

    private static final Approval APPROVAL = new Approval("proposal-1", "compliance", "compliance-2");

    private FixtureConfiguration<Designation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Designation.class);
    }

    private static CustomerDesignatedEvent designated(Long cap) {
        return new CustomerDesignatedEvent(CUSTOMER, "Example AI Lab", "CN", cap, NOW, APPROVAL);
    }

    @Test
    void theRegisterChangesOnlyThroughAnApprovedProposal() {
        fixture.givenNoPriorActivity()
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", null, null, NOW))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        fixture.given(designated(null))
                .when(new RevokeDesignationCommand(CUSTOMER, null, NOW))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aCustomerIsPutOnTheRegister() {
        fixture.givenNoPriorActivity()
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", 50_000L, APPROVAL, NOW))
                .expectEvents(designated(50_000L));
    }

    @Test
    void theSameEntryAgainRecordsNothing() {
        fixture.given(designated(50_000L))
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", 50_000L, APPROVAL, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aChangedCapIsRecorded() {
        fixture.given(designated(50_000L))
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", null, APPROVAL, NOW))
                .expectEvents(designated(null));
    }

    @Test
    void anInvalidEntryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "China", null, APPROVAL, NOW))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", 0L, APPROVAL, NOW))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void revokingTakesTheCustomerOffTheRegisterOnce() {
        fixture.given(designated(null))
                .when(new RevokeDesignationCommand(CUSTOMER, APPROVAL, NOW))
                .expectEvents(new DesignationRevokedEvent(CUSTOMER, NOW, APPROVAL));
        fixture.given(designated(null), new DesignationRevokedEvent(CUSTOMER, NOW, APPROVAL))
                .when(new RevokeDesignationCommand(CUSTOMER, APPROVAL, NOW))
                .expectNoEvents();
    }

    @Test
    void aRevokedCustomerCanBeDesignatedAgain() {
        fixture.given(designated(null), new DesignationRevokedEvent(CUSTOMER, NOW, APPROVAL))
                .when(new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", null, APPROVAL, NOW))
                .expectEvents(designated(null));
    }

    @Test
    void theStandingReportsCapAndUnitsOfTheQuarterAsked() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 30, NOW),
                        new UnitsReservedEvent(CUSTOMER, "o2", "2026-Q3", 50, NOW))
                .when(new AssessStandingCommand(CUSTOMER, QUARTER))
                .expectNoEvents()
                .expectResultMessagePayload(new CustomerStanding(CUSTOMER,
                        CustomerStanding.Status.DESIGNATED, 100L, QUARTER, 30));
        fixture.given(designated(100L), new DesignationRevokedEvent(CUSTOMER, NOW, APPROVAL))
                .when(new AssessStandingCommand(CUSTOMER, QUARTER))
                .expectResultMessagePayload(new CustomerStanding(CUSTOMER,
                        CustomerStanding.Status.REVOKED, 100L, QUARTER, 0));
    }

    @Test
    void unitsWithinTheCapAreReserved() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 60, NOW))
                .when(new ReserveUnitsCommand(CUSTOMER, "o2", QUARTER, 40, NOW))
                .expectEvents(new UnitsReservedEvent(CUSTOMER, "o2", QUARTER, 40, NOW));
    }

    @Test
    void unitsAboveTheCapAreRefused() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 60, NOW))
                .when(new ReserveUnitsCommand(CUSTOMER, "o2", QUARTER, 41, NOW))
                .expectException(UnitsUnavailableException.class)
                .expectNoEvents();
    }

    @Test
    void eachQuarterHasItsOwnCount() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", "2026-Q3", 100, NOW))
                .when(new ReserveUnitsCommand(CUSTOMER, "o2", QUARTER, 100, NOW))
                .expectEvents(new UnitsReservedEvent(CUSTOMER, "o2", QUARTER, 100, NOW));
    }

    @Test
    void aCustomerWithoutACapIsNeverRefusedForVolume() {
        fixture.given(designated(null))
                .when(new ReserveUnitsCommand(CUSTOMER, "o1", QUARTER, 900_000, NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRevokedCustomerGetsNoUnits() {
        fixture.given(designated(null), new DesignationRevokedEvent(CUSTOMER, NOW, APPROVAL))
                .when(new ReserveUnitsCommand(CUSTOMER, "o1", QUARTER, 1, NOW))
                .expectException(UnitsUnavailableException.class)
                .expectNoEvents();
    }

    @Test
    void unitsOfACancelledGrantAreGivenBackAndCanBeGrantedAgain() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 100, NOW))
                .when(new ReturnUnitsCommand(CUSTOMER, "o1", QUARTER, 100, NOW))
                .expectEvents(new UnitsReturnedEvent(CUSTOMER, "o1", QUARTER, 100, NOW));
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 100, NOW),
                        new UnitsReturnedEvent(CUSTOMER, "o1", QUARTER, 100, NOW))
                .when(new ReserveUnitsCommand(CUSTOMER, "o2", QUARTER, 100, NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void returningMoreUnitsThanCountedIsAProgrammingError() {
        fixture.given(designated(100L), new UnitsReservedEvent(CUSTOMER, "o1", QUARTER, 10, NOW))
                .when(new ReturnUnitsCommand(CUSTOMER, "o9", QUARTER, 11, NOW))
                .expectException(IllegalStateException.class);
    }
}
