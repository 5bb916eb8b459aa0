package io.tollgate.regulator.query;

import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.Approval;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Keeps the register ({@code regulator_designation}) and the quarterly unit counts in step. Who
 * designated or revoked an entry comes from the event's {@value PrincipalInterceptor#PRINCIPAL}
 * metadata (the authenticated caller of the command).
 */
@Singleton
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class DesignationProjection {

    private final SqlStatements jdbc;

    public DesignationProjection(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(CustomerDesignatedEvent e, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String by) {
        int updated = jdbc.update("UPDATE regulator_designation SET name = ?, country = ?,"
                        + " unit_cap_per_quarter = ?, status = 'DESIGNATED', revoked_at = NULL, revoked_by = NULL,"
                        + " updated_at = ?, updated_by = ?, proposal_id = ?, proposed_by = ?, approved_by = ?"
                        + " WHERE customer_id = ?",
                e.name(), e.country(), e.unitCapPerQuarter(), e.designatedAt(), by, proposalId(e.approval()),
                proposedBy(e.approval()), approvedBy(e.approval()), e.customerId());
        if (updated == 0) {
            jdbc.update("INSERT INTO regulator_designation (customer_id, name, country, unit_cap_per_quarter,"
                            + " status, designated_at, designated_by, updated_at, updated_by, proposal_id,"
                            + " proposed_by, approved_by) VALUES (?,?,?,?,'DESIGNATED',?,?,?,?,?,?,?)",
                    e.customerId(), e.name(), e.country(), e.unitCapPerQuarter(), e.designatedAt(), by,
                    e.designatedAt(), by, proposalId(e.approval()), proposedBy(e.approval()),
                    approvedBy(e.approval()));
        }
    }

    @EventHandler
    public void on(DesignationRevokedEvent e, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String by) {
        jdbc.update("UPDATE regulator_designation SET status = 'REVOKED', revoked_at = ?, revoked_by = ?,"
                + " updated_at = ?, updated_by = ?, proposal_id = ?, proposed_by = ?, approved_by = ?"
                + " WHERE customer_id = ?",
                e.revokedAt(), by, e.revokedAt(), by, proposalId(e.approval()), proposedBy(e.approval()),
                approvedBy(e.approval()), e.customerId());
    }

    // Events stored before four eyes carry no approval: their columns stay NULL.
    static String proposalId(Approval approval) {
        return approval == null ? null : approval.proposalId();
    }

    static String proposedBy(Approval approval) {
        return approval == null ? null : approval.proposedBy();
    }

    static String approvedBy(Approval approval) {
        return approval == null ? null : approval.approvedBy();
    }

    @EventHandler
    public void on(UnitsReservedEvent e) {
        addUnits(e.customerId(), e.quarter(), e.units());
    }

    @EventHandler
    public void on(UnitsReturnedEvent e) {
        addUnits(e.customerId(), e.quarter(), -e.units());
    }

    private void addUnits(String customerId, String quarter, long delta) {
        int updated = jdbc.update("UPDATE regulator_designation_units SET units = units + ?"
                + " WHERE customer_id = ? AND quarter = ?", delta, customerId, quarter);
        if (updated == 0) {
            jdbc.update("INSERT INTO regulator_designation_units (customer_id, quarter, units) VALUES (?,?,?)",
                    customerId, quarter, delta);
        }
    }
}
