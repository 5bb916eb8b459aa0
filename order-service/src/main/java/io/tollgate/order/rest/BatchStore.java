package io.tollgate.order.rest;

import static io.tollgate.eventing.db.SqlStatements.instant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.rest.ProblemException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The batches of order lines and their lines' states ({@code order_batch}, {@code order_batch_line}). */
@Singleton
public class BatchStore {

    /** Rows per JDBC batch when a batch's lines are stored. */
    private static final int INSERT_CHUNK = 1_000;

    /** Where a line stands. */
    public enum LineState {
        PENDING, ACCEPTED, REJECTED
    }

    /** A stored batch. */
    record Batch(String batchId, String client, String requestHash, String format, int lineCount,
                 Instant createdAt, Instant finishedAt) {
    }

    /** A line waiting for its order. */
    record Pending(int lineNo, String idempotencyKey, String body, int attempts) {
    }

    /** A line as its result is shown. */
    record Result(int lineNo, String idempotencyKey, LineState state, String orderId, ProblemException problem) {
    }

    private final SqlStatements sql;
    private final Databases databases;

    public BatchStore(SqlStatements sql, Databases databases) {
        this.sql = sql;
        this.databases = databases;
    }

    Optional<Batch> byKey(String client, String key) {
        return sql.queryOne("SELECT * FROM order_batch WHERE client = ? AND idempotency_key = ?",
                BatchStore::batch, client, key);
    }

    /** @param client only if this client sent it, or null for any */
    Optional<Batch> byId(String batchId, String client) {
        return client == null
                ? sql.queryOne("SELECT * FROM order_batch WHERE batch_id = ?", BatchStore::batch, batchId)
                : sql.queryOne("SELECT * FROM order_batch WHERE batch_id = ? AND client = ?", BatchStore::batch,
                        batchId, client);
    }

    /**
     * Stores the batch and all its lines in one transaction: read lines as PENDING with their
     * canonical request, unreadable ones as REJECTED with their problem. Throws
     * {@link OrderIntake.KeyTakenException} when a concurrent upload took the key first.
     */
    void create(String batchId, String client, String key, String hash, String format,
                List<BatchLines.Line> lines, List<String> bodies, Instant now) {
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection connection = databases.dataSource().getConnection()) {
                try (PreparedStatement batch = connection.prepareStatement("INSERT INTO order_batch (batch_id,"
                        + " client, idempotency_key, request_hash, format, line_count, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    batch.setString(1, batchId);
                    batch.setString(2, client);
                    batch.setString(3, key);
                    batch.setString(4, hash);
                    batch.setString(5, format);
                    batch.setInt(6, lines.size());
                    batch.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    batch.executeUpdate();
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw new OrderIntake.KeyTakenException(new IllegalStateException(e));
                    }
                    throw e;
                }
                insertLines(connection, batchId, lines, bodies);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store batch " + batchId, e);
            }
        });
    }

    private static void insertLines(Connection connection, String batchId, List<BatchLines.Line> lines,
                                    List<String> bodies) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO order_batch_line (batch_id,"
                + " line_no, idempotency_key, body, state, problem_status, problem_code, problem_field,"
                + " problem_detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            for (int i = 0; i < lines.size(); i++) {
                BatchLines.Line line = lines.get(i);
                ProblemException problem = line.problem();
                insert.setString(1, batchId);
                insert.setInt(2, line.lineNo());
                insert.setString(3, line.idempotencyKey());
                insert.setString(4, bodies.get(i));
                insert.setString(5, (problem == null ? LineState.PENDING : LineState.REJECTED).name());
                if (problem == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setInt(6, problem.status());
                }
                insert.setString(7, problem == null ? null : problem.code());
                insert.setString(8, problem == null ? null : problem.field());
                insert.setString(9, problem == null ? null : clip(problem.getMessage()));
                insert.addBatch();
                if ((i + 1) % INSERT_CHUNK == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Takes the oldest unfinished batch no other instance holds (or this one already does) until
     * {@code leaseUntil}; empty when there is none.
     */
    Optional<Batch> claimNext(String worker, Instant now, Instant leaseUntil) {
        List<Batch> open = sql.query("SELECT * FROM order_batch WHERE finished_at IS NULL"
                + " AND (lease_until IS NULL OR lease_until < ? OR worker = ?) ORDER BY created_at LIMIT 5",
                BatchStore::batch, now, worker);
        for (Batch batch : open) {
            if (renew(batch.batchId(), worker, now, leaseUntil)) {
                return Optional.of(batch);
            }
        }
        return Optional.empty();
    }

    /** Extends this worker's lease; false if another instance holds the batch now. */
    boolean renew(String batchId, String worker, Instant now, Instant leaseUntil) {
        return sql.update("UPDATE order_batch SET worker = ?, lease_until = ? WHERE batch_id = ?"
                + " AND finished_at IS NULL AND (lease_until IS NULL OR lease_until < ? OR worker = ?)",
                worker, leaseUntil, batchId, now, worker) == 1;
    }

    List<Pending> pending(String batchId, int limit) {
        return sql.query("SELECT line_no, idempotency_key, body, attempts FROM order_batch_line"
                        + " WHERE batch_id = ? AND state = 'PENDING' ORDER BY line_no LIMIT " + limit,
                r -> new Pending(r.getInt(1), r.getString(2), r.getString(3), r.getInt(4)), batchId);
    }

    /** Idempotent: a retried transaction sets the same order again. */
    void accept(String batchId, int lineNo, String orderId) {
        sql.update("UPDATE order_batch_line SET state = 'ACCEPTED', order_id = ? WHERE batch_id = ?"
                + " AND line_no = ? AND state <> 'REJECTED'", orderId, batchId, lineNo);
    }

    /**
     * {@link #accept} for many lines in one JDBC batch: line {@code lineNos[i]} made order
     * {@code orderIds[i]}. Runs in the caller's transaction when there is one.
     */
    void acceptAll(String batchId, List<Integer> lineNos, List<String> orderIds) {
        if (lineNos.size() != orderIds.size()) {
            throw new IllegalArgumentException(lineNos.size() + " lines but " + orderIds.size() + " orders");
        }
        try (Connection connection = databases.dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE order_batch_line"
                     + " SET state = 'ACCEPTED', order_id = ?"
                     + " WHERE batch_id = ? AND line_no = ? AND state <> 'REJECTED'")) {
            for (int i = 0; i < lineNos.size(); i++) {
                update.setString(1, orderIds.get(i));
                update.setString(2, batchId);
                update.setInt(3, lineNos.get(i));
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot accept " + lineNos.size() + " lines of batch "
                    + batchId, e);
        }
    }

    void reject(String batchId, int lineNo, ProblemException problem) {
        sql.update("UPDATE order_batch_line SET state = 'REJECTED', problem_status = ?, problem_code = ?,"
                        + " problem_field = ?, problem_detail = ? WHERE batch_id = ? AND line_no = ?"
                        + " AND state = 'PENDING'", problem.status(), problem.code(), problem.field(),
                clip(problem.getMessage()), batchId, lineNo);
    }

    /** Counts one more failed attempt at a line. */
    void attempted(String batchId, int lineNo) {
        sql.update("UPDATE order_batch_line SET attempts = attempts + 1 WHERE batch_id = ? AND line_no = ?",
                batchId, lineNo);
    }

    /** Marks the batch finished if no line is pending; true if it is finished now. */
    boolean finishIfDone(String batchId, Instant now) {
        sql.update("UPDATE order_batch SET finished_at = ?, worker = NULL, lease_until = NULL"
                + " WHERE batch_id = ? AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM order_batch_line"
                + " WHERE batch_id = ? AND state = 'PENDING')", now, batchId, batchId);
        return sql.queryOne("SELECT finished_at FROM order_batch WHERE batch_id = ?",
                r -> r.getObject(1) != null, batchId).orElse(false);
    }

    Map<LineState, Integer> counts(String batchId) {
        Map<LineState, Integer> counts = new EnumMap<>(LineState.class);
        for (LineState state : LineState.values()) {
            counts.put(state, 0);
        }
        sql.query("SELECT state, COUNT(*) FROM order_batch_line WHERE batch_id = ? GROUP BY state",
                r -> counts.put(LineState.valueOf(r.getString(1)), r.getInt(2)), batchId);
        return counts;
    }

    /** Lines after {@code afterLine}, in line order, at most {@code limit}; only those in {@code state} if given. */
    List<Result> results(String batchId, LineState state, int afterLine, int limit) {
        String select = "SELECT line_no, idempotency_key, state, order_id, problem_status, problem_code,"
                + " problem_field, problem_detail FROM order_batch_line WHERE batch_id = ?"
                + (state == null ? "" : " AND state = ?") + " AND line_no > ? ORDER BY line_no LIMIT " + limit;
        Object[] params = state == null ? new Object[] {batchId, afterLine}
                : new Object[] {batchId, state.name(), afterLine};
        return sql.query(select, r -> {
            String code = r.getString("problem_code");
            ProblemException problem = code == null ? null : new ProblemException(r.getInt("problem_status"),
                    code, r.getString("problem_field"), r.getString("problem_detail"));
            return new Result(r.getInt("line_no"), r.getString("idempotency_key"),
                    LineState.valueOf(r.getString("state")), r.getString("order_id"), problem);
        }, params);
    }

    private static Batch batch(java.sql.ResultSet r) throws SQLException {
        return new Batch(r.getString("batch_id"), r.getString("client"), r.getString("request_hash").trim(),
                r.getString("format"), r.getInt("line_count"), instant(r, "created_at"), instant(r, "finished_at"));
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= 2_000 ? detail : detail.substring(0, 1_999) + "…";
    }
}
