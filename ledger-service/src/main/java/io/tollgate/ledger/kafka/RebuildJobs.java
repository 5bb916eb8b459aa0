package io.tollgate.ledger.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.WireJson;
import io.tollgate.eventing.db.Databases;
import io.tollgate.ledger.journal.EntryHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * The rebuild jobs' rows (ledger_rebuild_job), shared by every instance: who started a job and
 * when, its phase and progress, and its outcome. Each call runs on the caller's transaction if
 * there is one (the swap records its outcome in the swap's own transaction), else on its own.
 */
@ApplicationScoped
public class RebuildJobs {

    private static final ObjectMapper JSON = WireJson.mapper();

    /** A job's life: running (then cancelling on request) until it ends one of the other ways. */
    public enum State { RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED, ABANDONED }

    /** Where a running job is: the shadow replay, the catch-up under the pause, the swap. */
    public enum Phase { SHADOW, CATCH_UP, SWAP, DONE }

    /** One job's row. */
    public record Job(String id, State state, Phase phase, String startedBy, Instant startedAt, Instant finishedAt,
                      long eventsDone, long eventsTotal, Rebuilder.Outcome outcome) {

        public boolean finished() {
            return state != State.RUNNING && state != State.CANCELLING;
        }
    }

    private final Databases databases;

    @Inject
    public RebuildJobs(Databases databases) {
        this.databases = databases;
    }

    public void insert(String id, String startedBy, Instant startedAt) {
        update("INSERT INTO ledger_rebuild_job (job_id, state, phase, started_by, started_us, events_done,"
                + " events_total) VALUES (?, 'RUNNING', 'SHADOW', ?, ?, 0, 0)", ps -> {
                    ps.setString(1, id);
                    ps.setString(2, startedBy);
                    ps.setLong(3, EntryHasher.micros(startedAt));
                });
    }

    /** Records progress; answers whether the job was asked to stop (by any instance). */
    public boolean progress(String id, Phase phase, long done, long total) {
        update("UPDATE ledger_rebuild_job SET phase = ?, events_done = ?, events_total = ? WHERE job_id = ?", ps -> {
            ps.setString(1, phase.name());
            ps.setLong(2, done);
            ps.setLong(3, total);
            ps.setString(4, id);
        });
        return find(id).map(j -> j.state() == State.CANCELLING).orElse(false);
    }

    /** Asks a running job to stop; false if it is unknown or already finished. */
    public boolean requestCancel(String id) {
        return update("UPDATE ledger_rebuild_job SET state = 'CANCELLING' WHERE job_id = ? AND state = 'RUNNING'",
                ps -> ps.setString(1, id)) == 1;
    }

    public void finish(String id, State state, Instant at, Rebuilder.Outcome outcome) {
        update("UPDATE ledger_rebuild_job SET state = ?, phase = 'DONE', finished_us = ?, outcome = ? WHERE job_id = ?",
                ps -> {
                    ps.setString(1, state.name());
                    ps.setLong(2, EntryHasher.micros(at));
                    if (outcome == null) {
                        ps.setNull(3, Types.VARCHAR);
                    } else {
                        ps.setString(3, write(outcome));
                    }
                    ps.setString(4, id);
                });
    }

    /** Jobs left running by a process that died (called while holding the rebuild lock). */
    public int abandonUnfinished(Instant at) {
        return update("UPDATE ledger_rebuild_job SET state = 'ABANDONED', phase = 'DONE', finished_us = ?"
                + " WHERE state IN ('RUNNING', 'CANCELLING')", ps -> ps.setLong(1, EntryHasher.micros(at)));
    }

    public Optional<Job> find(String id) {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT job_id, state, phase, started_by, started_us,"
                     + " finished_us, events_done, events_total, outcome FROM ledger_rebuild_job WHERE job_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long finished = rs.getLong(6);
                Instant finishedAt = rs.wasNull() ? null : EntryHasher.ofMicros(finished);
                String outcome = rs.getString(9);
                return Optional.of(new Job(rs.getString(1), State.valueOf(rs.getString(2)),
                        Phase.valueOf(rs.getString(3)), rs.getString(4), EntryHasher.ofMicros(rs.getLong(5)),
                        finishedAt, rs.getLong(7), rs.getLong(8), outcome == null ? null : read(outcome)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read rebuild job " + id, e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a rebuild job: " + e.getMessage(), e);
        }
    }

    private static String write(Rebuilder.Outcome outcome) {
        try {
            return JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a rebuild outcome", e);
        }
    }

    private static Rebuilder.Outcome read(String json) {
        try {
            return JSON.readValue(json, Rebuilder.Outcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rebuild outcome: " + e.getOriginalMessage(), e);
        }
    }
}
