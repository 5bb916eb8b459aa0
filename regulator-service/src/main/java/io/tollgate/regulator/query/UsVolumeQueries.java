package io.tollgate.regulator.query;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.UsVolumeCap;
import io.tollgate.regulator.policy.UsVolumeStanding;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads of the US-volume read models. Every list is bounded by its caller's limit. */
@Singleton
public class UsVolumeQueries {

    /** A grant a cap reached: the class and period it counts in, its units, and whether they are counted. */
    public record CountedGrant(String orderId, String volumeId, long units, String ratio, boolean reserved) {
    }

    /** An application waiting for US volume, in its queue. */
    public record Waiting(String orderId, String volumeId, Instant expiresAt) {
    }

    private static final String WAITING_AHEAD = "SELECT COALESCE(SUM(units), 0) AS n FROM regulator_us_volume_wait"
            + " WHERE volume_id = ? AND (requested_at < ? OR (requested_at = ? AND order_id < ?))";

    private final SqlStatements jdbc;

    public UsVolumeQueries(SqlStatements jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The figures of a class and period for an application of order {@code orderId}, requested at
     * {@code requestedAt}: the units of applications waiting ahead of it count as taken.
     */
    public UsVolumeStanding standing(String productClass, String period, Instant requestedAt, String orderId) {
        String volumeId = UsVolumeId.of(productClass, period);
        long ahead = jdbc.queryOne(WAITING_AHEAD, row -> row.getLong("n"), volumeId, requestedAt, requestedAt,
                orderId).orElse(0L);
        return jdbc.queryOne("SELECT us_units, authorized_units FROM regulator_us_volume WHERE volume_id = ?",
                row -> new UsVolumeStanding(productClass, period, row.getLong("us_units"),
                        row.getLong("authorized_units"), ahead), volumeId)
                .orElse(new UsVolumeStanding(productClass, period, 0, 0, ahead));
    }

    public Optional<UsShipmentReportView> report(String reportId) {
        return jdbc.queryOne("SELECT * FROM regulator_us_shipment_report WHERE report_id = ?",
                row -> new UsShipmentReportView(row.getString("report_id"), row.getString("product_class"),
                        row.getString("period"), row.getLong("units"), row.getString("reference"),
                        row.getString("reported_by"), SqlStatements.instant(row, "reported_at")), reportId);
    }

    public Optional<CountedGrant> countedGrant(String orderId) {
        return jdbc.queryOne("SELECT * FROM regulator_us_volume_grant WHERE order_id = ?",
                row -> new CountedGrant(row.getString("order_id"), row.getString("volume_id"), row.getLong("units"),
                        row.getString("ratio"), row.getBoolean("reserved")), orderId);
    }

    /** The applications waiting for the class and period's US volume, oldest request first. */
    public List<Waiting> queue(String volumeId, int limit) {
        return jdbc.query("SELECT order_id, volume_id, expires_at FROM regulator_us_volume_wait WHERE volume_id = ?"
                + " ORDER BY requested_at, order_id LIMIT " + limit, UsVolumeQueries::waiting, volumeId);
    }

    /** Waits that ended at or before {@code now}, the earliest first. */
    public List<Waiting> expired(Instant now, int limit) {
        return jdbc.query("SELECT order_id, volume_id, expires_at FROM regulator_us_volume_wait WHERE expires_at <= ?"
                + " ORDER BY expires_at, order_id LIMIT " + limit, UsVolumeQueries::waiting, now);
    }

    /** Classes and periods with applications waiting, each once. */
    public List<String> volumesWithQueues(int limit) {
        return jdbc.query("SELECT DISTINCT volume_id FROM regulator_us_volume_wait ORDER BY volume_id LIMIT " + limit,
                row -> row.getString("volume_id"));
    }

    /**
     * The classes and periods after {@code afterRowNo}, optionally of one class or period, with the
     * figures of {@code inForce}'s cap (none when it has no cap).
     */
    public CursorPage<UsVolumeView> volumes(String productClass, String period, Policy inForce, long afterRowNo,
                                            int limit) {
        StringBuilder where = new StringBuilder("row_no > ?");
        List<Object> params = new ArrayList<>(List.of(afterRowNo));
        if (productClass != null) {
            where.append(" AND product_class = ?");
            params.add(productClass);
        }
        if (period != null) {
            where.append(" AND period = ?");
            params.add(period);
        }
        UsVolumeCap cap = inForce.usVolumeCap();
        List<UsVolumeView> rows = jdbc.query("SELECT v.*, (SELECT COUNT(*) FROM regulator_us_volume_wait w"
                        + " WHERE w.volume_id = v.volume_id) AS orders_waiting, (SELECT COALESCE(SUM(units), 0)"
                        + " FROM regulator_us_volume_wait w WHERE w.volume_id = v.volume_id) AS units_waiting"
                        + " FROM regulator_us_volume v WHERE " + where + " ORDER BY row_no LIMIT " + (limit + 1),
                row -> view(row, inForce.version(), cap), params.toArray());
        return CursorPage.of(rows, limit, UsVolumeView::rowNo);
    }

    private static UsVolumeView view(ResultSet row, String version, UsVolumeCap cap) throws SQLException {
        long us = row.getLong("us_units");
        long authorized = row.getLong("authorized_units");
        long waiting = row.getLong("units_waiting");
        Long allowed = cap == null ? null : cap.allowedUnits(us);
        return new UsVolumeView(row.getString("product_class"), row.getString("period"), us, row.getInt("reports"),
                authorized, row.getLong("orders_waiting"), waiting, cap == null ? null : version,
                cap == null ? null : cap.ratio(), allowed, allowed == null ? null : allowed - authorized - waiting,
                SqlStatements.instant(row, "updated_at"), row.getLong("row_no"));
    }

    private static Waiting waiting(ResultSet row) throws SQLException {
        return new Waiting(row.getString("order_id"), row.getString("volume_id"),
                SqlStatements.instant(row, "expires_at"));
    }
}
