package io.tollgate.regulator.query;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.PolicyAdoptedEvent;
import io.tollgate.regulator.policy.PolicyDocuments;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/** Keeps every adopted policy version in {@code regulator_policy}. */
@Singleton
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class PolicyProjection {

    private final SqlStatements jdbc;

    public PolicyProjection(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(PolicyAdoptedEvent e) {
        jdbc.update("INSERT INTO regulator_policy (version, document, adopted_by, adopted_at, proposal_id,"
                        + " proposed_by, approved_by) VALUES (?,?,?,?,?,?,?)",
                e.policy().version(), PolicyDocuments.write(e.policy()), e.adoptedBy(), e.adoptedAt(),
                DesignationProjection.proposalId(e.approval()), DesignationProjection.proposedBy(e.approval()),
                DesignationProjection.approvedBy(e.approval()));
    }
}
