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
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The batches of order lines and their lines' states ({@code order_batch}, {@code order_batch_line}). */
@Singleton
public class BatchStore {

    /** Rows per JDBC batch when a batch's lines are stored. */
    private static final int INSERT_CHUNK = 1_000;

    /** Where a line stands. */
    public enum LineState {
        PENDING, ACCEPTED, REJECTED
    }

    /**
     * A stored batch, with how many of its lines are accepted and rejected (kept in its row by every
     * change of a line's state, in that change's transaction).
     */
    record Batch(String batchId, String client, String requestHash, String format, int lineCount,
                 int accepted, int rejected, Instant createdAt, Instant finishedAt) {

        int pending() {
            return lineCount - accepted - rejected;
        }
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

    /** A line as it is stored: its order request as canonical JSON, or the problem that refused it. */
    record NewLine(int lineNo, String idempotencyKey, String body, ProblemException problem) {
    }

    /** What reading a whole body gave: how many lines it had, and its SHA-256. */
    record ReadBody(int lines, String requestHash) {
    }

    /** Reads a body, handing each line to the sink as it is read; see {@link #create}. */
    @FunctionalInterface
    interface BodyReader {
        ReadBody read(Consumer<NewLine> sink);
    }

    /**
     * How long an upload may take, from its first line to its last stored (the default
     * transaction timeout of a minute is for requests that hold no body).
     */
    static final int UPLOAD_SECONDS_MAX = 600;

    /**
     * Stores a batch in one transaction while its body is read: each line as it comes (read ones
     * PENDING with their canonical request, unreadable ones REJECTED with their problem), in JDBC
     * batches, then the batch's row with its line count and hash once the body has ended. Whatever
     * the reader throws (a whole-batch fault found halfway) rolls all of it back. Throws
     * {@link OrderIntake.KeyTakenException} when a concurrent upload took the key first.
     */
    void create(String batchId, String client, String key, String format, Instant now, BodyReader body) {
        QuarkusTransaction.requiringNew().timeout(UPLOAD_SECONDS_MAX).run(() -> {
            try (Connection connection = databases.dataSource().getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO order_batch_line (batch_id,"
                         + " line_no, idempotency_key, body, state, problem_status, problem_code, problem_field,"
                         + " problem_detail, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                int[] rejected = {0};
                int[] waiting = {0};
                ReadBody read = body.read(line -> {
                    try {
                        bindLine(insert, batchId, line);
                        insert.addBatch();
                        if (++waiting[0] == INSERT_CHUNK) {
                            insert.executeBatch();
                            waiting[0] = 0;
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException("cannot store line " + line.lineNo() + " of batch " + batchId, e);
                    }
                    if (line.problem() != null) {
                        rejected[0]++;
                    }
                });
                insert.executeBatch();
                insertBatch(connection, batchId, client, key, format, now, read, rejected[0]);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store batch " + batchId, e);
            }
        });
    }

    private static void insertBatch(Connection connection, String batchId, String client, String key, String format,
                                    Instant now, ReadBody read, int rejected) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement("INSERT INTO order_batch (batch_id,"
                + " client, idempotency_key, request_hash, format, line_count, created_at, accepted_count,"
                + " rejected_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)")) {
            batch.setString(1, batchId);
            batch.setString(2, client);
            batch.setString(3, key);
            batch.setString(4, read.requestHash());
            batch.setString(5, format);
            batch.setInt(6, read.lines());
            batch.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            batch.setInt(8, rejected);
            batch.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new OrderIntake.KeyTakenException(new IllegalStateException(e));
            }
            throw e;
        }
    }

    private static void bindLine(PreparedStatement insert, String batchId, NewLine line) throws SQLException {
        ProblemException problem = line.problem();
        insert.setString(1, batchId);
        insert.setInt(2, line.lineNo());
        insert.setString(3, line.idempotencyKey());
        insert.setString(4, line.body());
        insert.setString(5, (problem == null ? LineState.PENDING : LineState.REJECTED).name());
        if (problem == null) {
            insert.setNull(6, Types.INTEGER);
        } else {
            insert.setInt(6, problem.status());
        }
        insert.setString(7, problem == null ? null : problem.code());
        insert.setString(8, problem == null ? null : problem.field());
        insert.setString(9, problem == null ? null : clip(problem.getMessage()));
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

    /**
     * Pending lines after line {@code afterLine}, in line order, at most {@code limit}. The worker
     * walks the batch with it, so each read starts where the last one ended instead of passing
     * again over every line already done. The order names the index's columns (the first two are
     * fixed here): H2 then reads the index in its order and stops at the limit, where
     * {@code ORDER BY line_no} alone made it read every pending line and sort them.
     */
    List<Pending> pending(String batchId, int afterLine, int limit) {
        return sql.query("SELECT line_no, idempotency_key, body, attempts FROM order_batch_line"
                        + " WHERE batch_id = ? AND state = 'PENDING' AND line_no > ?"
                        + " ORDER BY batch_id, state, line_no LIMIT " + limit,
                r -> new Pending(r.getInt(1), r.getString(2), r.getString(3), r.getInt(4)), batchId, afterLine);
    }

    /**
     * Marks a pending line accepted with its order; a line no longer pending (accepted before, by
     * this or another instance, with the same order) is left as it is. Runs in the caller's
     * transaction when there is one.
     */
    void accept(String batchId, int lineNo, String orderId) {
        acceptAll(batchId, List.of(lineNo), List.of(orderId));
    }

    /**
     * {@link #accept} for many lines in one JDBC batch: line {@code lineNos[i]} made order
     * {@code orderIds[i]}; the batch's accepted count grows by the lines that were pending.
     */
    void acceptAll(String batchId, List<Integer> lineNos, List<String> orderIds) {
        if (lineNos.size() != orderIds.size()) {
            throw new IllegalArgumentException(lineNos.size() + " lines but " + orderIds.size() + " orders");
        }
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection connection = databases.dataSource().getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE order_batch_line"
                         + " SET state = 'ACCEPTED', order_id = ?"
                         + " WHERE batch_id = ? AND line_no = ? AND state = 'PENDING'")) {
                for (int i = 0; i < lineNos.size(); i++) {
                    update.setString(1, orderIds.get(i));
                    update.setString(2, batchId);
                    update.setInt(3, lineNos.get(i));
                    update.addBatch();
                }
                count(connection, batchId, "accepted_count", LineState.ACCEPTED, update.executeBatch());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot accept " + lineNos.size() + " lines of batch "
                        + batchId, e);
            }
        });
    }

    void reject(String batchId, int lineNo, ProblemException problem) {
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection connection = databases.dataSource().getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE order_batch_line"
                         + " SET state = 'REJECTED', problem_status = ?, problem_code = ?, problem_field = ?,"
                         + " problem_detail = ? WHERE batch_id = ? AND line_no = ? AND state = 'PENDING'")) {
                update.setInt(1, problem.status());
                update.setString(2, problem.code());
                update.setString(3, problem.field());
                update.setString(4, clip(problem.getMessage()));
                update.setString(5, batchId);
                update.setInt(6, lineNo);
                count(connection, batchId, "rejected_count", LineState.REJECTED, new int[] {update.executeUpdate()});
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reject line " + lineNo + " of batch " + batchId, e);
            }
        });
    }

    /**
     * Adds the lines that changed state to the batch's count of {@code state}, in the same
     * transaction. A driver that does not say how many rows a batched statement changed
     * ({@link Statement#SUCCESS_NO_INFO}) gets the count from the lines themselves.
     */
    private static void count(Connection connection, String batchId, String column, LineState state,
                              int[] updated) throws SQLException {
        int changed = 0;
        boolean known = true;
        for (int rows : updated) {
            if (rows >= 0) {
                changed += rows;
            } else {
                known = false;
            }
        }
        String sql = known
                ? "UPDATE order_batch SET " + column + " = " + column + " + ? WHERE batch_id = ?"
                : "UPDATE order_batch SET " + column + " = (SELECT COUNT(*) FROM order_batch_line"
                        + " WHERE batch_id = ? AND state = '" + state.name() + "') WHERE batch_id = ?";
        if (known && changed == 0) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            if (known) {
                update.setInt(1, changed);
            } else {
                update.setString(1, batchId);
            }
            update.setString(2, batchId);
            update.executeUpdate();
        }
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

    /** Lines after {@code afterLine}, in line order, at most {@code limit}; only those in {@code state} if given. */
    List<Result> results(String batchId, LineState state, int afterLine, int limit) {
        String select = "SELECT line_no, idempotency_key, state, order_id, problem_status, problem_code,"
                + " problem_field, problem_detail FROM order_batch_line WHERE batch_id = ?"
                + (state == null ? "" : " AND state = ?") + " AND line_no > ?"
                // In the order of the index that serves it (see pending): read up to the limit, not sorted.
                + (state == null ? " ORDER BY batch_id, line_no" : " ORDER BY batch_id, state, line_no")
                + " LIMIT " + limit;
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
                r.getString("format"), r.getInt("line_count"), r.getInt("accepted_count"), r.getInt("rejected_count"),
                instant(r, "created_at"), instant(r, "finished_at"));
    }

    private static String clip(String detail) {
        return detail == null || detail.length() <= 2_000 ? detail : detail.substring(0, 1_999) + "…";
    }
}
