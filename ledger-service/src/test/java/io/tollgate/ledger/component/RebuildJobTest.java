package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.audit.JournalDigest;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.kafka.RebuildLock;
import io.tollgate.ledger.kafka.Rebuilder;
import io.tollgate.ledger.testing.Rebuilds;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rebuild as a job: a shadow generation swapped in with the live digest while live posting goes
 * on; a rebuild that fails, is cancelled or is abandoned by a crash leaves the live generation
 * exactly as it was; one rebuild at a time across instances.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class RebuildJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LIVE = "ledger_";
    private static final String SHADOW = "ledger_shadow_";
    private static KafkaProbe probe;

    @Inject
    Databases databases;
    @Inject
    LedgerWriter writer;
    @Inject
    RebuildLock lock;
    @Inject
    Rebuilder rebuilder;

    @BeforeAll
    static void connect() {
        probe = new KafkaProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void rebuildIsAJobThatSwapsInTheLiveDigestAndShowsWhoStartedIt() throws Exception {
        // given a posted order
        String order = grantedOrder();
        String digest = asAuditor().get("/api/v1/balances").jsonPath().getString("digest");
        // when an operator starts a rebuild
        Response started = Rebuilds.asOperator().post("/api/v1/rebuild");
        // then it answers at once with the job's URL, which the auditor may read
        assertThat(started.statusCode()).isEqualTo(202);
        String job = java.net.URI.create(started.header("Location")).getPath();
        assertThat(job).startsWith("/api/v1/rebuild/");
        asAuditor().get(job).then().statusCode(200).body("startedBy", equalTo(Roles.OPERATOR));
        JsonPath done = Rebuilds.awaitEnd(job, WAIT);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("SUCCEEDED");
        assertThat(done.getString("startedAt")).isNotNull();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(done.getLong("eventsDone")).isEqualTo(done.getLong("eventsTotal")).isPositive();
        assertThat(done.getString("outcome.digest")).isEqualTo(digest);
        assertThat(done.getString("outcome.previousDigest")).isEqualTo(digest);
        assertThat(done.getString("outcome.journalDigest")).startsWith("sha256:")
                .isEqualTo(done.getString("outcome.previousJournalDigest"));
        assertThat(done.getLong("outcome.entries.onlyInNewCount")).isZero();
        assertThat(done.getLong("outcome.entries.onlyInPreviousCount")).isZero();
        assertThat(done.getLong("outcome.balanceChangeCount")).isZero();
        asAuditor().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
        assertThat(count("SELECT COUNT(*) FROM ledger_shadow_entry")).isZero();
        assertThat(count("SELECT COUNT(*) FROM ledger_prev_entry WHERE order_id = '" + order + "'")).isPositive();
        // and live posting goes on in the new generation
        awaitEntries(grantedOrder());
    }

    @Test
    void digestsOfTheRebuildShowAnEntryTheLiveJournalAlteredOrLost() throws Exception {
        // given a live journal whose digests are those of the topics
        String altered = grantedOrder();
        String lost = grantedOrder();
        Rebuilds.rebuild(WAIT);
        String journalDigest = journalDigest();
        String digest = asAuditor().get("/api/v1/balances").jsonPath().getString("digest");
        // when one entry is altered without moving money, another is lost, and a rebuild runs
        execute("UPDATE ledger_entry SET business_us = business_us + 1 WHERE order_id = '" + altered + "'");
        execute("DELETE FROM ledger_posting WHERE entry_id IN (SELECT entry_id FROM ledger_entry"
                + " WHERE order_id = '" + lost + "')");
        execute("DELETE FROM ledger_entry WHERE order_id = '" + lost + "'");
        assertThat(journalDigest()).isNotEqualTo(journalDigest);
        JsonPath done = Rebuilds.rebuild(WAIT).setRootPath("outcome");
        // then both digests of the replaced generation differ from the rebuilt ones
        assertThat(done.getString("previousDigest")).isNotEqualTo(done.getString("digest"));
        assertThat(done.getString("previousJournalDigest")).isNotEqualTo(done.getString("journalDigest"));
        assertThat(done.getLong("entries.onlyInNewCount")).isPositive();
        // and the rebuilt ones are those of the journal before it was touched
        assertThat(done.getString("digest")).isEqualTo(digest);
        assertThat(done.getString("journalDigest")).isEqualTo(journalDigest);
    }

    @Test
    void journalDigestChangesWithAnEntryThatMovesNoMoney() throws Exception {
        // given an order's entries and the journal digest
        String order = grantedOrder();
        String before = journalDigest();
        String digest = asAuditor().get("/api/v1/balances").jsonPath().getString("digest");
        // when one entry's business time is altered (its postings and balances stay as they were)
        execute("UPDATE ledger_entry SET business_us = business_us + 1 WHERE order_id = '" + order + "'");
        try {
            // then the balance digest cannot tell, the journal digest does
            assertThat(asAuditor().get("/api/v1/balances").jsonPath().getString("digest")).isEqualTo(digest);
            assertThat(journalDigest()).isNotEqualTo(before);
        } finally {
            execute("UPDATE ledger_entry SET business_us = business_us - 1 WHERE order_id = '" + order + "'");
        }
        assertThat(journalDigest()).isEqualTo(before);
    }

    @Test
    void cancelledRebuildLeavesTheLiveJournalAsItWas() throws Exception {
        // given a journal, and live posting held so that the rebuild cannot reach its swap
        grantedOrder();
        assertThat(writer.acquire(WAIT.toMillis())).isTrue();
        String before;
        String job;
        try {
            before = Rebuilds.snapshot(databases, LIVE);
            job = Rebuilds.start();
            // when an operator cancels it (the auditor may not)
            asAuditor().delete(job).then().statusCode(403);
            Rebuilds.asOperator().delete(job).then().statusCode(202);
            JsonPath ended = Rebuilds.awaitEnd(job, WAIT);
            // then it ends cancelled, and the live generation is byte for byte what it was
            assertThat(ended.getString("state")).isEqualTo("CANCELLED");
            assertThat(Rebuilds.snapshot(databases, LIVE)).isEqualTo(before);
            assertThat(Rebuilds.snapshot(databases, SHADOW)).isEmpty();
        } finally {
            writer.release();
        }
        asAuditor().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
        Rebuilds.asOperator().delete(job).then().statusCode(409);
        awaitEntries(grantedOrder());
    }

    @Test
    void rebuildThatFailsMidwayLeavesTheLiveJournalAsItWas() throws Exception {
        // given an order whose entries the shadow generation refuses to store (a failing write)
        String poison = grantedOrder();
        String before = Rebuilds.snapshot(databases, LIVE);
        String digest = asAuditor().get("/api/v1/balances").jsonPath().getString("digest");
        execute("ALTER TABLE ledger_shadow_entry ADD CONSTRAINT ck_failing_write CHECK (order_id <> '" + poison
                + "')");
        JsonPath ended;
        try {
            // when a rebuild runs
            ended = Rebuilds.awaitEnd(Rebuilds.start(), WAIT);
        } finally {
            execute("ALTER TABLE ledger_shadow_entry DROP CONSTRAINT ck_failing_write");
        }
        // then it fails with the reason, and the live generation, its chains and digest are unchanged
        assertThat(ended.getString("state")).isEqualTo("FAILED");
        assertThat(ended.getString("outcome.error")).containsIgnoringCase("ck_failing_write");
        assertThat(Rebuilds.snapshot(databases, LIVE)).isEqualTo(before);
        assertThat(Rebuilds.snapshot(databases, SHADOW)).isEmpty();
        asAuditor().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
        assertThat(asAuditor().get("/api/v1/balances").jsonPath().getString("digest")).isEqualTo(digest);
        // and live posting goes on
        awaitEntries(grantedOrder());
    }

    @Test
    void rebuildAbandonedByACrashIsDiscardedOnStart() throws Exception {
        // given what a process killed mid-rebuild leaves: its job marked running and shadow rows
        grantedOrder();
        String before = Rebuilds.snapshot(databases, LIVE);
        String job = UUID.randomUUID().toString();
        execute("INSERT INTO ledger_rebuild_job (job_id, state, phase, started_by, started_us, events_done,"
                + " events_total) VALUES ('" + job + "', 'RUNNING', 'SHADOW', 'operator', 0, 5, 10)");
        execute("INSERT INTO ledger_shadow_processed_event (event_id, topic, kafka_partition, kafka_offset)"
                + " VALUES ('" + UUID.randomUUID() + "', 't', 0, 0)");
        // when the service starts again (what its start-up does)
        boolean discarded = rebuilder.discardAbandoned();
        // then the shadow is gone, the job says it was abandoned, and the live generation is as it was
        assertThat(discarded).isTrue();
        assertThat(Rebuilds.snapshot(databases, SHADOW)).isEmpty();
        asAuditor().get("/api/v1/rebuild/" + job).then().statusCode(200).body("state", equalTo("ABANDONED"));
        assertThat(Rebuilds.snapshot(databases, LIVE)).isEqualTo(before);
    }

    @Test
    void onlyOneRebuildRunsAcrossInstances() {
        // given another instance holding the rebuild lock
        RebuildLock.Held other = lock.tryAcquire("another instance");
        assertThat(other).isNotNull();
        try {
            // when a rebuild is started here, then it is refused
            Rebuilds.asOperator().post("/api/v1/rebuild").then().statusCode(409)
                    .contentType("application/problem+json").body("code", equalTo("REBUILD_BUSY"));
            assertThat(lock.tryAcquire("a third")).isNull();
        } finally {
            other.close();
        }
        // and once it is released, a rebuild runs
        Rebuilds.rebuild(WAIT);
    }

    @Test
    void unknownJobIsNotFound() {
        asAuditor().get("/api/v1/rebuild/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("REBUILD_NOT_FOUND"));
        asAuditor().get("/api/v1/rebuild/not-a-job").then().statusCode(404);
    }

    private String grantedOrder() throws Exception {
        String order = "order-" + UUID.randomUUID();
        send(requested(order, "cust-" + UUID.randomUUID(), "10.00", "USD"));
        send(granted(order, "a-" + order));
        awaitEntries(order);
        return order;
    }

    private void awaitEntries(String order) {
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM ledger_entry WHERE order_id = '" + order
                + "'") > 0);
    }

    private long count(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String journalDigest() throws Exception {
        try (Connection c = databases.dataSource().getConnection()) {
            return JournalDigest.of(c, LIVE);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void send(WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(), Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event),
                event));
    }

    private static RequestSpecification asAuditor() {
        return given().auth().preemptive().basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR));
    }
}
