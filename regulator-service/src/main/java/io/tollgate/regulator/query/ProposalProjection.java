package io.tollgate.regulator.query;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.ProposalStatus;
import io.tollgate.regulator.api.RuleChangeApprovedEvent;
import io.tollgate.regulator.api.RuleChangeProposedEvent;
import io.tollgate.regulator.api.RuleChangeRejectedEvent;
import io.tollgate.regulator.api.RuleChangeWithdrawnEvent;
import io.tollgate.regulator.policy.PolicyDocuments;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/** Keeps {@code regulator_proposal}: one row per rule-change proposal and its decision. */
@Singleton
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class ProposalProjection {

    private final SqlStatements jdbc;

    public ProposalProjection(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(RuleChangeProposedEvent e) {
        String change = e.policy() != null ? PolicyDocuments.write(e.policy()) : ReadModelJson.write(e.designation());
        jdbc.update("INSERT INTO regulator_proposal (proposal_id, kind, subject, change_json, status,"
                        + " proposed_by, proposed_at) VALUES (?,?,?,?,?,?,?)",
                e.proposalId(), e.kind(), e.subject(), change, ProposalStatus.PROPOSED, e.proposedBy(),
                e.proposedAt());
    }

    @EventHandler
    public void on(RuleChangeApprovedEvent e) {
        decided(e.proposalId(), ProposalStatus.APPROVED, e.approvedBy(), e.approvedAt(), null);
    }

    @EventHandler
    public void on(RuleChangeRejectedEvent e) {
        decided(e.proposalId(), ProposalStatus.REJECTED, e.rejectedBy(), e.rejectedAt(), e.reason());
    }

    @EventHandler
    public void on(RuleChangeWithdrawnEvent e) {
        decided(e.proposalId(), ProposalStatus.WITHDRAWN, e.withdrawnBy(), e.withdrawnAt(), null);
    }

    private void decided(String proposalId, ProposalStatus status, String by, Instant at, String reason) {
        int updated = jdbc.update("UPDATE regulator_proposal SET status = ?, decided_by = ?, decided_at = ?,"
                + " reason = ? WHERE proposal_id = ? AND status = ?", status, by, at, reason, proposalId,
                ProposalStatus.PROPOSED);
        if (updated != 1) {
            throw new IllegalStateException("proposal " + proposalId + " is not open in the read model");
        }
    }
}
