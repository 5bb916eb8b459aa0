package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.posting.LedgerEvent;
import io.tollgate.ledger.posting.SourceRef;
import io.tollgate.ledger.testing.BrokerOfItsOwn;
import io.tollgate.ledger.testing.Events;
import io.tollgate.ledger.testing.Rebuilds;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A rebuild whose broker goes away between its shadow replay and its catch-up (the catch-up runs
 * in the swap's transaction, with live posting paused): the job fails, the live generation, its
 * chains and digest are as they were, and live posting goes on.
 */
@QuarkusTest
@TestProfile(BrokerOfItsOwn.class)
class RebuildBrokerLossTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    Databases databases;
    @Inject
    LedgerWriter writer;
    @Inject
    MeterRegistry meters;

    /** This application's own broker (see {@link BrokerOfItsOwn}), stopped by the test. */
    KafkaBroker broker;

    @Test
    void brokerLostMidRebuildLeavesTheLiveJournalAsItWasAndPostingGoesOn() throws Exception {
        // given a posted order, and live posting held so that the rebuild waits before its catch-up
        String order = "order-" + UUID.randomUUID();
        try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers())) {
            send(probe, requested(order, "cust-" + order, "10.00", "USD"));
            send(probe, granted(order, "a-" + order));
        }
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM ledger_entry WHERE order_id = '"
                + order + "'") > 0);
        String digest = asAuditor().get("/api/v1/balances").jsonPath().getString("digest");
        String before = Rebuilds.snapshot(databases, "ledger_");
        assertThat(writer.acquire(WAIT.toMillis())).isTrue();
        String job;
        try {
            job = Rebuilds.start();
            // (the shadow replay is done when it has replayed every record of the topics)
            await().atMost(WAIT).until(() -> gauge("done") >= 2 && gauge("done") == gauge("total"));
            // when the broker goes away, then live posting is released to the rebuild's catch-up
            broker.close();
        } finally {
            writer.release();
        }
        JsonPath ended = Rebuilds.awaitEnd(job, WAIT);
        // then the job failed, and the live generation, its chains and its digest are as they were
        assertThat(ended.getString("state")).as(ended.prettify()).isEqualTo("FAILED");
        assertThat(ended.getString("outcome.error")).isNotBlank();
        assertThat(Rebuilds.snapshot(databases, "ledger_")).isEqualTo(before);
        assertThat(Rebuilds.snapshot(databases, "ledger_shadow_")).isEmpty();
        // (without the broker the anchors cannot be read: the full verify says so, the journal's alone passes)
        asAuditor().get("/api/v1/audit/verify").then().statusCode(503)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        asAuditor().get("/api/v1/audit/verify?anchors=none").then().body("ok", equalTo(true));
        assertThat(asAuditor().get("/api/v1/balances").jsonPath().getString("digest")).isEqualTo(digest);
        // and live posting goes on in that generation (the batch a consumer would post next)
        String next = "order-" + UUID.randomUUID();
        LedgerEvent request = new LedgerEvent(new SourceRef(UUID.randomUUID().toString(), Topics.ORDERS.name(),
                0, 1_000, Events.T0), requested(next, "cust-" + next, "20.00", "USD"));
        LedgerEvent grant = new LedgerEvent(new SourceRef(UUID.randomUUID().toString(),
                Topics.AUTHORIZATIONS.name(), 0, 1_000, Events.T0), granted(next, "a-" + next));
        QuarkusTransaction.requiringNew().call(() -> writer.post(List.of(request, grant), LedgerWriter.Expiry.NONE));
        assertThat(count("SELECT COUNT(*) FROM ledger_entry WHERE order_id = '" + next + "'")).isPositive();
        asAuditor().get("/api/v1/audit/verify?anchors=none").then().body("ok", equalTo(true));
    }

    private double gauge(String name) {
        return meters.get("tollgate.ledger.rebuild.events." + name).gauge().value();
    }

    private long count(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void send(KafkaProbe probe, WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(), Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event),
                event));
    }

    private static RequestSpecification asAuditor() {
        return given().auth().preemptive().basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR));
    }
}
