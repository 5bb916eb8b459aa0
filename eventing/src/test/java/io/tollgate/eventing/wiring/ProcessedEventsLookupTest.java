package io.tollgate.eventing.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tollgate.contracts.Envelope;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.kafka.IncomingEvent;
import io.tollgate.eventing.kafka.ProcessedEvents;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The processed-event log answers a poll's lookup from its key: the right ids on both databases,
 * without reading the group's other rows. On H2 the {@code group = ? AND id IN (…)} form read every
 * row of the group for every poll, so a consumer slowed down as its log grew; on PostgreSQL a list
 * of pairs did the same while the statistics did not yet count the group's rows (a new group).
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class ProcessedEventsLookupTest {

    private static final int LOGGED = 5_000;

    @Inject
    ProcessedEvents processed;
    @Inject
    Databases databases;

    @Test
    void lookupFindsExactlyTheProcessedIdsAndReadsOnlyThoseRows() throws SQLException {
        // given a group that processed 5,000 events, two of them dead-lettered
        String group = "lookup-" + UUID.randomUUID();
        if (databases.isPostgres()) {
            analyze(); // statistics that know none of the group's rows, as for a new consumer group
        }
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < LOGGED; i++) {
            events.add(event(i));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            processed.recordAll(group, events.subList(2, LOGGED), ProcessedEvents.Outcome.APPLIED);
            processed.recordAll(group, events.subList(0, 2), ProcessedEvents.Outcome.DEAD_LETTERED);
        });
        String unseen = UUID.randomUUID().toString();
        List<String> asked = List.of(events.get(1).eventId(), events.get(4_321).eventId(), unseen);

        // when
        var among = processed.among(group, asked);
        var deadLettered = processed.deadLettered(group, asked);
        long scanned = scannedRows(group, asked);
        String plan = databases.isPostgres() ? plan(group, asked) : "";

        // then
        assertThat(among).containsExactlyInAnyOrder(events.get(1).eventId(), events.get(4_321).eventId());
        assertThat(deadLettered).containsExactly(events.get(1).eventId());
        if (databases.isPostgres()) {
            // every branch reads the key with both columns; none filters the group's rows by id
            assertThat(plan).contains("Index Cond").contains("event_id").doesNotContain("Filter");
        } else {
            assertThat(scanned).as("rows H2 read for the lookup").isBetween(1L, 19L);
        }
    }

    private void analyze() throws SQLException {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE processed_event");
        }
    }

    /** PostgreSQL's plan of the lookup, as text. */
    private String plan(String group, List<String> ids) throws SQLException {
        return explain("EXPLAIN ", true, group, ids);
    }

    private long scannedRows(String group, List<String> ids) throws SQLException {
        if (databases.isPostgres()) {
            return -1; // PostgreSQL's EXPLAIN has no scan count: its plan is checked instead
        }
        Matcher m = Pattern.compile("scanCount: (\\d+)").matcher(explain("EXPLAIN ANALYZE ", false, group, ids));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** What {@code explain} (EXPLAIN, EXPLAIN ANALYZE) says of the lookup, all its lines. */
    private String explain(String explain, boolean postgres, String group, List<String> ids) throws SQLException {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(explain + ProcessedEvents.lookupSql(postgres, ids.size(), null))) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(2 * i + 1, group);
                ps.setString(2 * i + 2, ids.get(i));
            }
            StringBuilder text = new StringBuilder();
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    text.append(r.getString(1)).append('\n');
                }
            }
            return text.toString();
        }
    }

    private static IncomingEvent event(int i) {
        Envelope envelope = Probes.grant("order-" + i, "auth-" + i);
        return new IncomingEvent(envelope, "tollgate.authorizations.v1", 0, i, Instant.now());
    }
}
