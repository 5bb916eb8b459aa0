package io.tollgate.regulator.command;

import static io.tollgate.regulator.testdata.Mother.CUSTOMER;
import static io.tollgate.regulator.testdata.Mother.NOW;

import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.ApproveRuleChangeCommand;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.FourEyesRequiredException;
import io.tollgate.regulator.api.NotTheProposerException;
import io.tollgate.regulator.api.ProposalClosedException;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposeRuleChangeCommand;
import io.tollgate.regulator.api.RejectRuleChangeCommand;
import io.tollgate.regulator.api.RuleChange;
import io.tollgate.regulator.api.RuleChangeApprovedEvent;
import io.tollgate.regulator.api.RuleChangeProposedEvent;
import io.tollgate.regulator.api.RuleChangeRejectedEvent;
import io.tollgate.regulator.api.RuleChangeWithdrawnEvent;
import io.tollgate.regulator.api.WithdrawRuleChangeCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleChangeProposalTest {

    private static final String ID = "proposal-1";
    private static final String PROPOSER = "compliance";
    private static final String APPROVER = "compliance-2";
    private static final DesignationChange ENTRY = new DesignationChange("Example AI Lab", "CN", 5_000L);

    private FixtureConfiguration<RuleChangeProposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RuleChangeProposal.class);
    }

    private static RuleChangeProposedEvent proposed() {
        return new RuleChangeProposedEvent(ID, ProposalKind.DESIGNATE_CUSTOMER, CUSTOMER, null, ENTRY, PROPOSER, NOW);
    }

    @Test
    void aProposalRecordsItsProposerAndChangesNothingYet() {
        fixture.givenNoPriorActivity()
                .when(new ProposeRuleChangeCommand(ID, ProposalKind.DESIGNATE_CUSTOMER, CUSTOMER, null, ENTRY,
                        PROPOSER, NOW))
                .expectEvents(proposed());
    }

    @Test
    void anotherPrincipalApprovesAndGetsTheChangeWithBothNames() {
        Approval approval = new Approval(ID, PROPOSER, APPROVER);
        fixture.given(proposed())
                .when(new ApproveRuleChangeCommand(ID, APPROVER, NOW))
                .expectEvents(new RuleChangeApprovedEvent(ID, ProposalKind.DESIGNATE_CUSTOMER, CUSTOMER, PROPOSER,
                        APPROVER, NOW))
                .expectResultMessagePayload(new RuleChange(ProposalKind.DESIGNATE_CUSTOMER, CUSTOMER, null, ENTRY,
                        approval));
    }

    @Test
    void theProposerCanNeitherApproveNorReject() {
        fixture.given(proposed())
                .when(new ApproveRuleChangeCommand(ID, PROPOSER, NOW))
                .expectException(FourEyesRequiredException.class)
                .expectNoEvents();
        fixture.given(proposed())
                .when(new RejectRuleChangeCommand(ID, PROPOSER, "changed my mind", NOW))
                .expectException(FourEyesRequiredException.class)
                .expectNoEvents();
    }

    @Test
    void anotherPrincipalRejectsWithAReason() {
        fixture.given(proposed())
                .when(new RejectRuleChangeCommand(ID, APPROVER, "cap not justified", NOW))
                .expectEvents(new RuleChangeRejectedEvent(ID, PROPOSER, APPROVER, "cap not justified", NOW));
    }

    @Test
    void onlyTheProposerWithdraws() {
        fixture.given(proposed())
                .when(new WithdrawRuleChangeCommand(ID, APPROVER, NOW))
                .expectException(NotTheProposerException.class)
                .expectNoEvents();
        fixture.given(proposed())
                .when(new WithdrawRuleChangeCommand(ID, PROPOSER, NOW))
                .expectEvents(new RuleChangeWithdrawnEvent(ID, PROPOSER, NOW));
    }

    @Test
    void aDecidedProposalIsNeverDecidedAgain() {
        RuleChangeApprovedEvent approved = new RuleChangeApprovedEvent(ID, ProposalKind.DESIGNATE_CUSTOMER,
                CUSTOMER, PROPOSER, APPROVER, NOW);
        fixture.given(proposed(), approved)
                .when(new ApproveRuleChangeCommand(ID, "compliance-3", NOW))
                .expectException(ProposalClosedException.class)
                .expectNoEvents();
        fixture.given(proposed(), new RuleChangeWithdrawnEvent(ID, PROPOSER, NOW))
                .when(new RejectRuleChangeCommand(ID, APPROVER, "late", NOW))
                .expectException(ProposalClosedException.class);
        fixture.given(proposed(), new RuleChangeRejectedEvent(ID, PROPOSER, APPROVER, "no", NOW))
                .when(new WithdrawRuleChangeCommand(ID, PROPOSER, NOW))
                .expectException(ProposalClosedException.class);
    }

    @Test
    void anApprovedDesignationBecomesTheCommandThatChangesTheRegister() {
        Approval approval = new Approval(ID, PROPOSER, APPROVER);
        Object effect = RuleChanges.effect(new RuleChange(ProposalKind.DESIGNATE_CUSTOMER, CUSTOMER, null, ENTRY,
                approval), NOW);
        org.assertj.core.api.Assertions.assertThat(effect).isEqualTo(
                new DesignateCustomerCommand(CUSTOMER, "Example AI Lab", "CN", 5_000L, approval, NOW));
    }
}
