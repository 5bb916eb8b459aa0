package io.tollgate.regulator.query;

import io.tollgate.eventing.axon.PrincipalInterceptor;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.UsShipmentsReportedEvent;
import io.tollgate.regulator.api.UsVolumeAwaitedEvent;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.api.UsVolumeReleasedEvent;
import io.tollgate.regulator.api.UsVolumeReservedEvent;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Keeps the US-volume read models in step, in the command's transaction: the figures per product
 * class and period, every report by its id, the grants a cap reached, and the queue of applications
 * waiting for US volume (a row leaves the queue with whatever ends the wait).
 */
@Singleton
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
public class UsVolumeProjection {

    private final SqlStatements jdbc;

    public UsVolumeProjection(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(UsShipmentsReportedEvent e, @MetaDataValue(PrincipalInterceptor.PRINCIPAL) String by) {
        int rows = jdbc.update("UPDATE regulator_us_volume SET us_units = us_units + ?, reports = reports + 1,"
                + " updated_at = ? WHERE volume_id = ?", e.units(), e.reportedAt(), e.volumeId());
        if (rows == 0) {
            jdbc.update("INSERT INTO regulator_us_volume (volume_id, product_class, period, us_units,"
                            + " authorized_units, reports, updated_at) VALUES (?,?,?,?,0,1,?)",
                    e.volumeId(), e.productClass(), e.period(), e.units(), e.reportedAt());
        }
        jdbc.update("INSERT INTO regulator_us_shipment_report (report_id, volume_id, product_class, period, units,"
                        + " reference, reported_by, reported_at) VALUES (?,?,?,?,?,?,?,?)",
                e.reportId(), e.volumeId(), e.productClass(), e.period(), e.units(), e.reference(), by,
                e.reportedAt());
    }

    @EventHandler
    public void on(UsVolumeReservedEvent e) {
        authorized(e.volumeId(), e.units(), e.reservedAt());
        jdbc.update("UPDATE regulator_us_volume_grant SET reserved = TRUE WHERE order_id = ?", e.orderId());
    }

    @EventHandler
    public void on(UsVolumeReleasedEvent e) {
        authorized(e.volumeId(), -e.units(), e.releasedAt());
        jdbc.update("DELETE FROM regulator_us_volume_grant WHERE order_id = ?", e.orderId());
    }

    @EventHandler
    public void on(UsVolumeAwaitedEvent e) {
        Instant requestedAt = jdbc.queryOne("SELECT requested_at FROM regulator_application WHERE order_id = ?",
                row -> SqlStatements.instant(row, "requested_at"), e.orderId())
                .orElseThrow(() -> new IllegalStateException("no application row for order " + e.orderId()));
        leaveQueue(e.orderId());
        jdbc.update("INSERT INTO regulator_us_volume_wait (order_id, volume_id, units, requested_at, awaiting_since,"
                        + " expires_at) VALUES (?,?,?,?,?,?)", e.orderId(), UsVolumeId.of(e.productClass(), e.period()),
                e.units(), requestedAt, e.awaitingSince(), e.expiresAt());
    }

    /** A grant a cap reached is counted (reserved) by the decision that made it. */
    @EventHandler
    public void on(ApplicationGrantedEvent e) {
        leaveQueue(e.orderId());
        if (e.usVolumeId() != null) {
            jdbc.update("INSERT INTO regulator_us_volume_grant (order_id, volume_id, units, ratio) VALUES (?,?,?,?)",
                    e.orderId(), e.usVolumeId(), e.quantity(), e.usVolumeRatio());
        }
    }

    @EventHandler
    public void on(ApplicationDeniedEvent e) {
        leaveQueue(e.orderId());
    }

    @EventHandler
    public void on(ApplicationWithdrawnEvent e) {
        leaveQueue(e.orderId());
    }

    /** A version adopted since may send a waiting application to an officer or back to the buyer. */
    @EventHandler
    public void on(ReviewRequestedEvent e) {
        leaveQueue(e.orderId());
    }

    @EventHandler
    public void on(UsageScenarioRequestedEvent e) {
        leaveQueue(e.orderId());
    }

    private void authorized(String volumeId, long units, Instant at) {
        int rows = jdbc.update("UPDATE regulator_us_volume SET authorized_units = authorized_units + ?,"
                + " updated_at = ? WHERE volume_id = ?", units, at, volumeId);
        if (rows != 1) {
            throw new IllegalStateException("no US-volume row " + volumeId);
        }
    }

    private void leaveQueue(String orderId) {
        jdbc.update("DELETE FROM regulator_us_volume_wait WHERE order_id = ?", orderId);
    }
}
