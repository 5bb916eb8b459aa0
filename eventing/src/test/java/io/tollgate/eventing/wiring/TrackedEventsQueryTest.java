package io.tollgate.eventing.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.eventing.axon.AxonRuntime;
import io.tollgate.eventing.axon.TrackedEventsQuery;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tailing query with gaps, on the active database: it returns the batch after the token and
 * the gaps that have filled, in index order, and H2 answers it from the primary key instead of a
 * scan of the whole table. Runs on a table of the event table's shape, so the service's own relay
 * never meets these rows.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class TrackedEventsQueryTest {

    private static final String TABLE = "tracked_query_probe";
    private static final EventSchema SCHEMA = AxonRuntime.eventSchema(TABLE);

    @Inject
    Databases databases;

    @BeforeEach
    void freshTable() throws SQLException {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
            String bytes = databases.isPostgres() ? "BYTEA" : "VARBINARY(1000)";
            s.execute("CREATE TABLE " + TABLE + " (global_index BIGINT PRIMARY KEY,"
                    + " event_identifier VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL,"
                    + " sequence_number BIGINT NOT NULL, aggregate_type VARCHAR(255),"
                    + " time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL,"
                    + " payload_revision VARCHAR(255), payload " + bytes + " NOT NULL, meta_data " + bytes + ")");
        }
    }

    @Test
    void batchAfterTheTokenAndFilledGapsComeBackInIndexOrder() throws SQLException {
        // given rows 1..20 except 4 and 9 (gaps that never filled), and 6 which filled late
        List<Long> present = new ArrayList<>();
        for (long i = 1; i <= 20; i++) {
            if (i != 4 && i != 9) {
                present.add(i);
            }
        }
        insert(present);

        // when the token stands at 12 with gaps 4, 6 and 9 (padded to four slots), asking for 5 more
        List<Long> read = read(12, 5, List.of(4L, 6L, 9L));

        // then the filled gap first, then 13..17; the empty gaps return nothing
        assertThat(read).containsExactly(6L, 13L, 14L, 15L, 16L, 17L);
        // a filled gap that also pads the list comes back once
        assertThat(read(12, 5, List.of(6L, 9L, 4L))).containsExactly(6L, 13L, 14L, 15L, 16L, 17L);
    }

    @Test
    void h2ReadsOnlyTheRowsItReturnsNotTheWholeTable() throws SQLException {
        // given 2,000 rows (Axon's OR form makes H2 read every one of them for each fetch)
        if (databases.isPostgres()) {
            return; // PostgreSQL answers the OR form with a bitmap OR already; the scan is H2's problem
        }
        List<Long> rows = new ArrayList<>();
        for (long i = 1; i <= 2_000; i++) {
            rows.add(i);
        }
        insert(rows);

        // when the token stands at 1,500 with one gap, asking for 10 more
        String plan;
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + TrackedEventsQuery.sql(SCHEMA, 1))) {
            explain.setLong(1, 1_500);
            explain.setLong(2, 1_510);
            explain.setLong(3, 7);
            try (ResultSet r = explain.executeQuery()) {
                r.next();
                plan = r.getString(1);
            }
        }

        // then H2 counted a handful of rows, not thousands
        Matcher counts = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        long scanned = 0;
        while (counts.find()) {
            scanned += Long.parseLong(counts.group(1));
        }
        assertThat(scanned).as(plan).isPositive().isLessThan(50);
    }

    private void insert(List<Long> indexes) throws SQLException {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (global_index,"
                     + " event_identifier, aggregate_identifier, sequence_number, aggregate_type, time_stamp,"
                     + " payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 0, 'T',"
                     + " '2026-12-01T00:00:00Z', 'P', NULL, ?, NULL)")) {
            for (long index : indexes) {
                s.setLong(1, index);
                s.setString(2, "event-" + index);
                s.setString(3, "aggregate-" + index);
                s.setBytes(4, new byte[] {'{', '}'});
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<Long> read(long token, int batchSize, List<Long> gaps) throws SQLException {
        List<Long> read = new ArrayList<>();
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement s = TrackedEventsQuery.withGaps(c, SCHEMA, token, batchSize, gaps);
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                read.add(r.getLong(AxonRuntime.EVENT_SCHEMA.globalIndexColumn()));
            }
        }
        return read;
    }
}
