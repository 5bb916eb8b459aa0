package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.SigningKeys;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.signing.EventVerifier;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.ledger.anchor.AnchorStore;
import io.tollgate.ledger.audit.ChainVerifier;
import io.tollgate.ledger.testing.AnchoredLedger;
import io.tollgate.ledger.testing.ChainRewriter;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live verify holds every chain to the anchors the ledger signed and published: an altered
 * amount, a deleted tail entry and a whole chain rewritten with valid hashes (its stored anchors
 * rewritten too) are each reported, naming the chain. Each tampering is undone after its test.
 */
@QuarkusTest
@TestProfile(AnchoredLedger.class)
class AnchoredChainsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> TABLES = List.of("entry", "posting", "chain", "balance", "checkpoint",
            "checkpoint_balance", "anchor");
    private static boolean posted;

    KafkaBroker broker;
    @Inject
    Databases databases;
    @Inject
    ChainVerifier verifier;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void postedAndAnchored() throws SQLException {
        if (!posted) {
            try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers())) {
                for (int i = 0; i < 12; i++) {
                    String order = "order-" + UUID.randomUUID();
                    send(probe, requested(order, "cust-" + i, (100 + i) + ".00", "USD"));
                    send(probe, granted(order, "a-" + order));
                }
            }
            await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM ledger_entry") == 12);
            posted = true;
        }
        // the schedule (every 2 s) anchors every head
        await().atMost(WAIT).until(() -> {
            try (Connection c = databases.dataSource().getConnection()) {
                return AnchorStore.headsToAnchor(c, AnchorStore.generation(c)).isEmpty();
            }
        });
        sql("backup", TABLES.stream().map(t -> "CREATE TABLE bak_" + t + " AS SELECT * FROM ledger_" + t).toList());
    }

    @AfterEach
    void undoTheTampering() throws SQLException {
        for (String t : TABLES) {
            sql("restore", List.of("DELETE FROM ledger_" + t, "INSERT INTO ledger_" + t + " SELECT * FROM bak_" + t,
                    "DROP TABLE bak_" + t));
        }
    }

    @Test
    void anchoredLedgerVerifiesAndEveryAnchorIsSignedByTheLedger() throws SQLException {
        // when
        JsonPath verdict = verify();

        // then
        assertThat(verdict.getBoolean("ok")).as(verdict.prettify()).isTrue();
        assertThat(verdict.getLong("anchorsChecked")).isGreaterThanOrEqualTo(count("SELECT COUNT(*) FROM ledger_chain"));
        EventVerifier trusting = new EventVerifier(SigningKeys.parseTrusted(
                TestSigning.keyOf("ledger-service").trustedLine(Provenance.LEDGER_SERVICE)));
        try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers())) {
            List<ConsumerRecord<String, byte[]>> anchors =
                    probe.readAll(Topics.LEDGER_CHECKPOINTS.name(), Duration.ofSeconds(5));
            // Every stored anchor was published (the topic may hold more: anchors of a tampered
            // state that an earlier test's restore removed from the table stay on the topic).
            List<String> published = anchors.stream()
                    .map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).toList();
            assertThat(published).containsAll(storedAnchorIds()).hasSizeGreaterThanOrEqualTo(
                    (int) count("SELECT COUNT(*) FROM ledger_chain"));
            anchors.forEach(r -> assertThat(trusting.verify(r.headers(), r.value()).owner())
                    .isEqualTo(Provenance.LEDGER_SERVICE));
        }
    }

    @Test
    void chainEndpointsAnswerWhatTheAnchorsVouchForAndRefuseBadQueries() throws SQLException {
        // given a stored anchor (equal to the published one, as the first test shows)
        String chain = longestChain();
        String[] anchored = new String[3];
        try (Connection c = databases.dataSource().getConnection()) {
            AnchorStore.Stored a = AnchorStore.stored(c, AnchorStore.generation(c)).stream()
                    .filter(s -> s.point().chainId().equals(chain)).findFirst().orElseThrow();
            anchored[0] = Long.toString(a.point().seq());
            anchored[1] = a.point().entryHash();
            anchored[2] = a.point().balanceDigest();
        }

        // when
        JsonPath heads = asAuditor().get("/api/v1/audit/chains").then().statusCode(200).extract().jsonPath();
        JsonPath point = asAuditor().queryParam("chain", chain).queryParam("seq", anchored[0])
                .get("/api/v1/audit/chain-points").then().statusCode(200).extract().jsonPath();

        // then
        assertThat(heads.getList("chains.chainId")).contains(chain);
        assertThat(point.getString("entryHash")).isEqualTo(anchored[1]);
        assertThat(point.getString("balanceDigest")).isEqualTo(anchored[2]);
        asAuditor().queryParam("chain", chain).queryParam("seq", 1_000_000)
                .get("/api/v1/audit/chain-points").then().statusCode(404);
        asAuditor().queryParam("chain", chain).get("/api/v1/audit/chain-points").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("seq"));
        asAuditor().queryParam("chain", chain).queryParam("seq", 0)
                .get("/api/v1/audit/chain-points").then().statusCode(400);
    }

    @Test
    void alteredAmountIsReportedWithItsChain() throws SQLException {
        // given one posting of an anchored chain changed
        String chain = longestChain();
        sql("alter", List.of("UPDATE ledger_posting SET amount_minor = amount_minor + 1 WHERE posting_id = (SELECT"
                + " MIN(posting_id) FROM ledger_posting WHERE chain_id = '" + chain + "')"));

        double failuresBefore = verifyFailures("ENTRY_HASH");

        // when
        JsonPath verdict = verify();

        // then
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
        assertThat(verdict.getString("problem.kind")).isEqualTo("ENTRY_HASH");
        assertThat(verifyFailures("ENTRY_HASH")).as("counted for the alert").isEqualTo(failuresBefore + 1);
    }

    @Test
    void anchoringRunsAreScrapedForTheAlertThatHearsWhenTheyStop() {
        // given: verify runs that pass count nothing
        double failuresBefore = verifyFailures("ENTRY_HASH");
        assertThat(verify().getBoolean("ok")).isTrue();

        // when
        String scraped = asAuditor().get("/q/metrics").then().statusCode(200).extract().asString();

        // then: the profile anchors every 2 s, and the last run ended moments ago
        assertThat(verifyFailures("ENTRY_HASH")).isEqualTo(failuresBefore);
        assertThat(scraped).contains("tollgate_ledger_anchor_interval_seconds 2.0");
        double last = scraped.lines().filter(l -> l.startsWith("tollgate_ledger_anchor_last_completed_timestamp_seconds "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElseThrow();
        assertThat(System.currentTimeMillis() / 1000.0 - last).isBetween(0.0, 30.0);
    }

    @Test
    void deletedTailEntryIsReportedAgainstTheAnchorEvenWithTheHeadMovedBack() throws SQLException {
        // given a chain's last entry deleted and its head set back to the entry before
        String chain = longestChain();
        long last = count("SELECT last_seq FROM ledger_chain WHERE chain_id = '" + chain + "'");
        String where = " WHERE chain_id = '" + chain + "' AND seq = " + last;
        sql("delete", List.of("DELETE FROM ledger_posting" + where, "DELETE FROM ledger_entry" + where,
                "UPDATE ledger_chain SET last_seq = " + (last - 1) + ", last_hash = (SELECT hash FROM ledger_entry"
                        + " WHERE chain_id = '" + chain + "' AND seq = " + (last - 1) + ") WHERE chain_id = '"
                        + chain + "'"));

        // when
        JsonPath verdict = verify();

        // then
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
        assertThat(verdict.getString("problem.kind")).isEqualTo("ANCHOR");
        assertThat(verdict.getString("problem.reason")).contains("anchored but missing");
    }

    @Test
    void chainRewrittenWithValidHashesAndStoredAnchorsIsReportedAgainstThePublishedAnchors() throws SQLException {
        // given one entry's amounts doubled (still balanced) and the whole chain re-hashed, its
        // balances, checkpoints and stored anchors recomputed
        String chain = longestChain();
        sql("rewrite", List.of("UPDATE ledger_posting SET amount_minor = amount_minor * 2 WHERE chain_id = '"
                + chain + "' AND seq = 1"));
        try (Connection c = databases.dataSource().getConnection()) {
            ChainRewriter.rehash(c, chain);
        }
        assertThat(verifier.verify().ok()).as("the journal alone no longer shows it").isTrue();

        // when
        JsonPath verdict = verify();

        // then
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
        assertThat(verdict.getString("problem.kind")).isEqualTo("ANCHOR");
        assertThat(verdict.getString("problem.reason")).contains("rewritten");
    }

    @Test
    void storedAnchorThatDiffersFromThePublishedOneIsReported() throws SQLException {
        // given
        String chain = longestChain();
        sql("anchor", List.of("UPDATE ledger_anchor SET balance_digest = 'sha256:" + "0".repeat(64)
                + "' WHERE chain_id = '" + chain + "'"));

        // when
        JsonPath verdict = verify();

        // then
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.kind")).isEqualTo("STORED_ANCHOR");
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
    }

    private static JsonPath verify() {
        return asAuditor().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.specification.RequestSpecification asAuditor() {
        return given().auth().preemptive().basic(Roles.AUDITOR, TestUsers.password(Roles.AUDITOR));
    }

    private double verifyFailures(String kind) {
        Counter counter = meters.find("tollgate.ledger.audit.verify.failures").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> storedAnchorIds() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = databases.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT anchor_id FROM ledger_anchor")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private String longestChain() throws SQLException {
        try (Connection c = databases.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT chain_id FROM ledger_chain ORDER BY last_seq DESC, chain_id")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(query);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String what, List<String> statements) throws SQLException {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static void send(KafkaProbe probe, WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(),
                Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event), event));
    }
}
