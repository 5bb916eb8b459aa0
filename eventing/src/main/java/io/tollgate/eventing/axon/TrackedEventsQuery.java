package io.tollgate.eventing.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * The event store's tailing query when the tracking token has gaps, written so both databases can
 * answer it from the primary key. Axon's own statement is {@code (index > ? AND index <= ?) OR index
 * IN (gaps)}; H2 answers that OR with a scan of the whole event table for every fetch (seen in a
 * profile: the outbox relay's tailing thread spent its time iterating the primary index), so each
 * fetch cost grew with the table. Two range/IN reads joined by {@code UNION ALL} each use the key.
 * The gaps are always below the token's index, so the two parts never return the same row.
 */
public final class TrackedEventsQuery {

    private TrackedEventsQuery() {
    }

    /**
     * Same contract as Axon's {@code ReadEventDataWithGapsStatementBuilder}. The IN list is padded
     * (with the first gap again) to the next power of two, so a handful of statement texts serve
     * every gap count and the database's statement cache is not defeated by each new count.
     */
    public static PreparedStatement withGaps(Connection connection, EventSchema schema, long globalIndex,
                                             int batchSize, List<Long> gaps) throws SQLException {
        int slots = paddedSize(gaps.size());
        PreparedStatement statement = connection.prepareStatement(sql(schema, slots));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < slots; i++) {
            statement.setLong(i + 3, gaps.get(i < gaps.size() ? i : 0));
        }
        return statement;
    }

    /** The smallest power of two that holds {@code gaps} (at least 1). */
    static int paddedSize(int gaps) {
        if (gaps < 1) {
            throw new IllegalArgumentException("the gap query needs at least one gap: " + gaps);
        }
        return Integer.highestOneBit(gaps) == gaps ? gaps : Integer.highestOneBit(gaps) << 1;
    }

    /** The statement's text: parameters are the token's index, index + batch size, then each gap. */
    public static String sql(EventSchema schema, int gapCount) {
        if (gapCount < 1) {
            throw new IllegalArgumentException("the gap query needs at least one gap: " + gapCount);
        }
        String index = schema.globalIndexColumn();
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable();
        return select + " WHERE " + index + " > ? AND " + index + " <= ?"
                + " UNION ALL " + select + " WHERE " + index + " IN ("
                + String.join(",", Collections.nCopies(gapCount, "?")) + ")"
                + " ORDER BY " + index + " ASC";
    }
}
