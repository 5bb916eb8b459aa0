package io.tollgate.regulator.command;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.regulator.api.AdoptPolicyCommand;
import io.tollgate.regulator.api.ApproveRuleChangeCommand;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposeRuleChangeCommand;
import io.tollgate.regulator.api.RejectRuleChangeCommand;
import io.tollgate.regulator.api.RevokeDesignationCommand;
import io.tollgate.regulator.api.RuleChange;
import io.tollgate.regulator.api.WithdrawRuleChangeCommand;
import io.tollgate.regulator.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The four-eyes path of every rule change: propose, then approve (by another compliance principal),
 * reject or withdraw. Approval and the change it carries are stored in one transaction, so a change
 * is never in force without its approval, nor an approval recorded without its change.
 */
@ApplicationScoped
public class RuleChanges {

    private final CommandGateway commands;
    private final Clock clock = Clock.systemUTC();

    public RuleChanges(CommandGateway commands) {
        this.commands = commands;
    }

    /** @return the new proposal's id */
    public String propose(ProposalKind kind, String subject, Policy policy, DesignationChange designation,
                          String proposedBy) {
        String proposalId = UUID.randomUUID().toString();
        ProposeRuleChangeCommand command = new ProposeRuleChangeCommand(proposalId, kind, subject, policy,
                designation, proposedBy, clock.instant());
        inTransaction(proposalId, () -> commands.sendAndWait(command));
        return proposalId;
    }

    /** Approves and applies the change; a rejection by either aggregate stores neither. */
    public void approve(String proposalId, String approvedBy) {
        inTransaction(proposalId, () -> {
            Instant at = clock.instant();
            RuleChange change = commands.sendAndWait(new ApproveRuleChangeCommand(proposalId, approvedBy, at));
            return commands.sendAndWait(effect(change, at));
        });
    }

    public void reject(String proposalId, String rejectedBy, String reason) {
        inTransaction(proposalId, () -> commands.sendAndWait(
                new RejectRuleChangeCommand(proposalId, rejectedBy, reason, clock.instant())));
    }

    public void withdraw(String proposalId, String withdrawnBy) {
        inTransaction(proposalId, () -> commands.sendAndWait(
                new WithdrawRuleChangeCommand(proposalId, withdrawnBy, clock.instant())));
    }

    /** The command that puts an approved change in force. */
    static Object effect(RuleChange change, Instant at) {
        return switch (change.kind()) {
            case ADOPT_POLICY -> new AdoptPolicyCommand(AdoptPolicyCommand.REGISTER_ID, change.policy(),
                    change.approval().approvedBy(), change.approval(), false, at);
            case DESIGNATE_CUSTOMER -> new DesignateCustomerCommand(change.subject(), change.designation().name(),
                    change.designation().country(), change.designation().unitCapPerQuarter(), change.approval(), at);
            case REVOKE_DESIGNATION -> new RevokeDesignationCommand(change.subject(), change.approval(), at);
        };
    }

    private static void inTransaction(String proposalId, Supplier<Object> work) {
        ConcurrencyRetry.run("proposal " + proposalId,
                () -> QuarkusTransaction.requiringNew().call(work::get));
    }
}
