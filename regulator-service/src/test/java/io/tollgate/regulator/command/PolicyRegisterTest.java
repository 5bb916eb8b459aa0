package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.NOW;

import io.tollgate.regulator.api.AdoptPolicyCommand;
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
    private FixtureConfiguration<PolicyRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PolicyRegister.class);
    }

    @Test
    void theShippedPolicyIsSeededWhenNoneWasAdopted() {
        fixture.givenNoPriorActivity()
                .when(new AdoptPolicyCommand(ID, Mother.policyV1(), "startup", true, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, Mother.policyV1(), "startup", NOW));
    }

    @Test
    void theSeedDoesNothingOnceAPolicyWasAdopted() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policyV2ProhibitingH200(), "officer", NOW))
                .when(new AdoptPolicyCommand(ID, Mother.policyV1(), "startup", true, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewVersionIsAdopted() {
        Policy v2 = Mother.policyV2ProhibitingH200();
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policyV1(), "startup", NOW))
                .when(new AdoptPolicyCommand(ID, v2, "compliance-officer", false, NOW))
                .expectEvents(new PolicyAdoptedEvent(ID, v2, "compliance-officer", NOW));
    }

    @Test
    void aVersionIsNeverAdoptedTwice() {
        fixture.given(new PolicyAdoptedEvent(ID, Mother.policyV1(), "startup", NOW))
                .when(new AdoptPolicyCommand(ID, Mother.policyV1(), "compliance-officer", false, NOW))
                .expectException(PolicyVersionExistsException.class)
                .expectNoEvents();
    }

    @Test
    void anInvalidPolicyIsRefused() {
        Policy v1 = Mother.policyV1();
        Policy bad = new Policy("v3", v1.families(), "0.25", "", v1.usageScenario(), 10);
        fixture.given(new PolicyAdoptedEvent(ID, v1, "startup", NOW))
                .when(new AdoptPolicyCommand(ID, bad, "compliance-officer", false, NOW))
                .expectException(InvalidPolicyException.class)
                .expectNoEvents();
    }
}
