package io.tollgate.eventing.kafka;

import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.SqlStatements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The processed-event log: which event ids a consumer group has applied. Read and written on the
 * caller's JTA transaction, so an effect and its id are stored together or not at all.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** What happened to an event: applied, or dead-lettered after it was refused. */
    public enum Outcome { APPLIED, DEAD_LETTERED }

    /** Ids per IN list: a poll's worth of ids is looked up in a few statements. */
    private static final int IN_LIST_MAX = 200;

    private final Databases databases;

    @Inject
    public ProcessedEvents(Databases databases) {
        this.databases = databases;
    }

    public boolean contains(String group, String eventId) {
        String sql = "SELECT 1 FROM processed_event WHERE consumer_group = ? AND event_id = ?";
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read processed_event", e);
        }
    }

    /** Records the id; a concurrent duplicate fails on the primary key and rolls the whole work back. */
    public void record(String group, IncomingEvent event, Outcome outcome) {
        recordAll(group, List.of(event), outcome);
    }

    /**
     * Records the ids of {@code events} in one JDBC batch; a duplicate fails on the primary key and
     * rolls the whole work back, as {@link #record} does.
     */
    public void recordAll(String group, List<IncomingEvent> events, Outcome outcome) {
        if (events.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO processed_event (consumer_group, event_id, topic, kafka_partition, kafka_offset,"
                + " outcome, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (IncomingEvent event : events) {
                ps.setString(1, group);
                ps.setString(2, event.eventId());
                ps.setString(3, event.topic());
                ps.setInt(4, event.partition());
                ps.setLong(5, event.offset());
                ps.setString(6, outcome.name());
                ps.setTimestamp(7, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write processed_event", e);
        }
    }

    /** Which of {@code eventIds} the group processed, whatever the outcome (one statement per 200 ids). */
    public Set<String> among(String group, Collection<String> eventIds) {
        return find(group, eventIds, null);
    }

    /** Which of {@code eventIds} the group dead-lettered (one statement per 200 ids). */
    public Set<String> deadLettered(String group, Collection<String> eventIds) {
        return find(group, eventIds, Outcome.DEAD_LETTERED);
    }

    private Set<String> find(String group, Collection<String> eventIds, Outcome only) {
        Set<String> found = new HashSet<>();
        List<String> ids = List.copyOf(eventIds);
        for (int from = 0; from < ids.size(); from += IN_LIST_MAX) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_LIST_MAX));
            String sql = lookupSql(databases.isPostgres(), chunk.size(), only);
            try (Connection c = databases.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement(sql)) {
                int parameter = 1;
                for (String id : chunk) {
                    ps.setString(parameter++, group);
                    ps.setString(parameter++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read processed_event", e);
            }
        }
        return found;
    }

    /** Parameters: (group, event id) for each id; {@code only}, if not null, the outcome looked for. */
    public static String lookupSql(boolean postgres, int ids, Outcome only) {
        return SqlStatements.pairLookup(postgres, "SELECT event_id FROM processed_event", "consumer_group",
                "event_id", ids, only == null ? "" : " AND outcome = '" + only.name() + "'");
    }

    /** Forgets that the group dead-lettered an event, so that a retry can apply it. */
    public void forgetDeadLettered(String group, String eventId) {
        String sql = "DELETE FROM processed_event WHERE consumer_group = ? AND event_id = ? AND outcome = ?";
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, group);
            ps.setString(2, eventId);
            ps.setString(3, Outcome.DEAD_LETTERED.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write processed_event", e);
        }
    }

    public long count(String group) {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM processed_event WHERE consumer_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count processed_event", e);
        }
    }
}
