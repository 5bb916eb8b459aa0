package io.tollgate.regulator.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.ApproveRuleChangeCommand;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.FourEyesRequiredException;
import io.tollgate.regulator.api.NotTheProposerException;
import io.tollgate.regulator.api.ProposalClosedException;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposalStatus;
import io.tollgate.regulator.api.ProposeRuleChangeCommand;
import io.tollgate.regulator.api.RejectRuleChangeCommand;
import io.tollgate.regulator.api.RuleChange;
import io.tollgate.regulator.api.RuleChangeApprovedEvent;
import io.tollgate.regulator.api.RuleChangeProposedEvent;
import io.tollgate.regulator.api.RuleChangeRejectedEvent;
import io.tollgate.regulator.api.RuleChangeWithdrawnEvent;
import io.tollgate.regulator.api.WithdrawRuleChangeCommand;
import io.tollgate.regulator.policy.Policy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One proposed rule change (policy adoption, designation, revocation) and its four-eyes decision:
 * approved or rejected only by a principal other than its proposer, withdrawn only by the proposer,
 * decided once. Approval answers the change to apply, which the caller stores in the same transaction.
 */
public class RuleChangeProposal {

    @AggregateIdentifier
    private String proposalId;
    private ProposalKind kind;
    private String subject;
    private Policy policy;
    private DesignationChange designation;
    private String proposedBy;
    private ProposalStatus status;

    /** For Axon: rebuilt from events. */
    protected RuleChangeProposal() {
    }

    @CommandHandler
    public RuleChangeProposal(ProposeRuleChangeCommand command) {
        apply(new RuleChangeProposedEvent(command.proposalId(), command.kind(), command.subject(),
                command.policy(), command.designation(), command.proposedBy(), command.at()));
    }

    @CommandHandler
    public RuleChange handle(ApproveRuleChangeCommand command) {
        requireOpen();
        if (command.approvedBy().equals(proposedBy)) {
            throw new FourEyesRequiredException(proposalId, proposedBy);
        }
        apply(new RuleChangeApprovedEvent(proposalId, kind, subject, proposedBy, command.approvedBy(),
                command.at()));
        return new RuleChange(kind, subject, policy, designation,
                new Approval(proposalId, proposedBy, command.approvedBy()));
    }

    @CommandHandler
    public void handle(RejectRuleChangeCommand command) {
        requireOpen();
        if (command.rejectedBy().equals(proposedBy)) {
            throw new FourEyesRequiredException(proposalId, proposedBy);
        }
        apply(new RuleChangeRejectedEvent(proposalId, proposedBy, command.rejectedBy(), command.reason(),
                command.at()));
    }

    @CommandHandler
    public void handle(WithdrawRuleChangeCommand command) {
        requireOpen();
        if (!command.withdrawnBy().equals(proposedBy)) {
            throw new NotTheProposerException(proposalId, command.withdrawnBy());
        }
        apply(new RuleChangeWithdrawnEvent(proposalId, command.withdrawnBy(), command.at()));
    }

    private void requireOpen() {
        if (status != ProposalStatus.PROPOSED) {
            throw new ProposalClosedException(proposalId, status);
        }
    }

    @EventSourcingHandler
    void on(RuleChangeProposedEvent event) {
        proposalId = event.proposalId();
        kind = event.kind();
        subject = event.subject();
        policy = event.policy();
        designation = event.designation();
        proposedBy = event.proposedBy();
        status = ProposalStatus.PROPOSED;
    }

    @EventSourcingHandler
    void on(RuleChangeApprovedEvent event) {
        status = ProposalStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(RuleChangeRejectedEvent event) {
        status = ProposalStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(RuleChangeWithdrawnEvent event) {
        status = ProposalStatus.WITHDRAWN;
    }
}
