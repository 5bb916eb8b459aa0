package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.NOW;

import io.tollgate.regulator.api.AdoptPolicyCommand;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.PolicyAdoptedEvent;
import io.tollgate.regulator.api.PolicyVersionExistsException;
import io.tollgate.regulator.policy.InvalidPolicyException;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.testdata.Mother;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Policy changes are events; a version is adopted once; the start-up seed never overrides. */
class PolicyRegisterTest {

    private static final String ID = AdoptPolicyCommand.REGISTER_ID;
    private static final Approval APPROVAL = new Approval("proposal-1", "compliance", "compliance-2");

    private FixtureConfiguration<PolicyRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PolicyRegister.class);
    }

    @Test
    void theShippedHistoryIsSeededVersionByVersion() {
        fixture.givenNoPriorActivity()
                .when(new AdoptPolicyCommand(ID, Mother.baseline(), "startup", null, true, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, Mother.baseline(), "startup", NOW, null));
        fixture.given(new PolicyAdoptedEvent(ID, Mother.baseline(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.policy2026(), "startup", null, true, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, Mother.policy2026(), "startup", NOW, null));
    }

    @Test
    void aSeededVersionIsNotSeededAgain() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.baseline(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.baseline(), "startup", null, true, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theShippedHistoryJoinsARegisterSeededBeforeEffectiveDates() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.legacyV1(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.policy2026(), "startup", null, true, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, Mother.policy2026(), "startup", NOW, null));
    }

    @Test
    void theSeedDoesNothingOnceAnOfficerAdoptedAVersion() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policyV2ProhibitingH200(), "officer", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.policy2026(), "startup", null, true, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(new PolicyAdoptedEvent(ID, Mother.baseline(), "startup", NOW, null),
                        new PolicyAdoptedEvent(ID, Mother.policyV2ProhibitingH200(), APPROVAL.approvedBy(), NOW,
                                APPROVAL))
                .when(new AdoptPolicyCommand(ID, Mother.policy2026(), "startup", null, true, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewVersionIsAdopted() {
        Policy v2 = Mother.policyV2ProhibitingH200();
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policy2026(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, v2, APPROVAL.approvedBy(), APPROVAL, false, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, v2, APPROVAL.approvedBy(), NOW, APPROVAL));
    }

    @Test
    void aVersionIsAdoptedOnlyThroughAnApprovedProposal() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policy2026(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.policyV2ProhibitingH200(), "compliance", null, false, NOW))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void aVersionIsNeverAdoptedTwice() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policy2026(), "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, Mother.policy2026(), APPROVAL.approvedBy(), APPROVAL, false, NOW))
                .expectException(PolicyVersionExistsException.class)
                .expectNoEvents();
    }

    @Test
    void anInvalidPolicyIsRefused() {
        Policy p = Mother.policy2026();
        Policy bad = new Policy("v3", p.effectiveFrom(), p.productRules(), "0.25", "", p.necessity(), 10,
                null);
        fixture.given(new PolicyAdoptedEvent(ID, p, "startup", NOW, null))
                .when(new AdoptPolicyCommand(ID, bad, APPROVAL.approvedBy(), APPROVAL, false, NOW))
                .expectException(InvalidPolicyException.class)
                .expectNoEvents();
    }
}
