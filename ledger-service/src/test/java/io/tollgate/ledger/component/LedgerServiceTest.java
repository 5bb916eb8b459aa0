package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.cancelledAuthorized;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The ledger against a real broker and database: events in, balances out; redelivery, arrival
 * order, tampering, deletion, rebuild and dead letters. Tests share one application and run in
 * order; each uses its own order and customer ids so their accounts do not mix.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProbe probe;

    @Inject
    Databases databases;

    @BeforeAll
    static void connect() {
        probe = new KafkaProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    @Order(1)
    void eventsInGiveBalancesOutToTheCent() {
        // given
        String order = newId("order");
        String customer = newId("cust");
        // when
        send(requested(order, customer, "1000.10", "USD"));
        send(granted(order, "a-" + order));
        send(paid(order, "a-" + order, "100.01", "USD"));
        // then
        awaitEntries(order, 2);
        JsonPath balances = asTester().queryParam("currency", "USD").get("/api/v1/balances").then().statusCode(200)
                .extract().jsonPath();
        assertThat(balance(balances, "receivable:customer:" + customer)).isEqualTo("1000.10");
        List<Map<String, Object>> entries = entriesOf(order);
        assertThat(entries).extracting(e -> e.get("account") + " " + e.get("side") + " " + e.get("amount"))
                .containsExactlyInAnyOrder(
                        "receivable:customer:" + customer + " debit 1000.10",
                        "revenue:sales:h200 credit 1000.10",
                        "expense:revenue-share debit 250.02",
                        "liability:revenue-share:us-treasury credit 250.02",
                        "liability:revenue-share:us-treasury debit 100.01",
                        "cash:operating credit 100.01");
        // and each entry names who caused its source event (the grant's decidedBy, the payment's recordedBy)
        assertThat(entries).extracting(e -> e.get("kind") + " " + e.get("principal")).containsOnly(
                "AUTHORIZATION policy", "PAYMENT treasury");
        assertThat(balances.getString("digest")).startsWith("sha256:");
        asTester().get("/api/v1/summary?currency=USD").then().statusCode(200)
                .body("orders.authorized", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    @Order(2)
    void redeliveredEventsChangeNothing() {
        // given
        String order = newId("order");
        Envelope request = envelope(requested(order, newId("cust"), "400.00", "USD"));
        Envelope grant = envelope(granted(order, "a1-" + order));
        // when each event is published twice, and a later event of the same partitions follows
        probe.send(Topics.ORDERS.name(), request);
        probe.send(Topics.AUTHORIZATIONS.name(), grant);
        probe.send(Topics.ORDERS.name(), request);
        probe.send(Topics.AUTHORIZATIONS.name(), grant);
        send(paid(order, "a1-" + order, "100.00", "USD"));
        send(granted(order, "a2-" + order));
        // then the markers are posted, the duplicates are not
        awaitEntries(order, 3);
        assertThat(entriesOf(order).stream().filter(e -> e.get("kind").equals("AUTHORIZATION")).count())
                .isEqualTo(8);
    }

    @Test
    @Order(3)
    void grantBeforeItsRequestGivesTheSameBalances() {
        // given
        String early = newId("order");
        String inOrder = newId("order");
        String customer = newId("cust");
        // when the grant of one order arrives before its request
        send(granted(early, "a-" + early));
        await().atMost(WAIT).until(() -> asTester().get("/api/v1/summary").jsonPath().getLong("parked") >= 1);
        send(requested(early, customer, "2000.00", "USD"));
        send(requested(inOrder, customer, "2000.00", "USD"));
        send(granted(inOrder, "a-" + inOrder));
        // then both post the same postings
        awaitEntries(early, 1);
        awaitEntries(inOrder, 1);
        assertThat(postings(early)).isEqualTo(postings(inOrder));
        // and a cancellation reverses exactly the grant
        send(cancelledAuthorized(early, "a-" + early));
        awaitEntries(early, 2);
        JsonPath balances = asTester().get("/api/v1/balances?currency=USD").jsonPath();
        assertThat(balance(balances, "receivable:customer:" + customer)).isEqualTo("2000.00");
    }

    @Test
    @Order(4)
    void asOfQueriesCutByBusinessOrRecordingTime() {
        JsonPath before = asTester().get("/api/v1/balances?asOf=2020-01-01T00:00:00Z").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getList("accounts")).isEmpty();
        JsonPath now = asTester().get("/api/v1/balances").jsonPath();
        JsonPath later = asTester().get("/api/v1/balances?asOf=2100-01-01T00:00:00Z").jsonPath();
        JsonPath recorded = asTester().get("/api/v1/balances?asOf=2100-01-01T00:00:00Z&basis=recorded").jsonPath();
        assertThat(later.getString("digest")).isEqualTo(now.getString("digest"));
        assertThat(recorded.getString("digest")).isEqualTo(now.getString("digest"));
        JsonPath trial = asTester().get("/api/v1/balances?currency=USD").jsonPath();
        long sum = trial.getList("accounts.balance", String.class).stream()
                .mapToLong(s -> new java.math.BigDecimal(s).movePointRight(2).longValueExact()).sum();
        assertThat(sum).as("trial balance").isZero();
    }

    @Test
    @Order(5)
    void badQueryParametersAreAnsweredWithProblemJson() {
        asTester().get("/api/v1/balances?asOf=yesterday").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("asOf"));
        asTester().get("/api/v1/balances?currency=usd").then().statusCode(400).body("field", equalTo("currency"));
        asTester().get("/api/v1/balances?basis=wall").then().statusCode(400).body("field", equalTo("basis"));
        asTester().get("/api/v1/accounts/cash:operating/entries?limit=0").then().statusCode(400)
                .body("field", equalTo("limit"));
        asTester().get("/api/v1/accounts/cash:operating/entries?cursor=x").then().statusCode(400)
                .body("field", equalTo("cursor"));
    }

    @Test
    @Order(6)
    void accountEntriesArePagedWithACursor() {
        JsonPath first = asTester().get("/api/v1/accounts/revenue:sales:h200/entries?limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("entries")).hasSize(2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = asTester().get("/api/v1/accounts/revenue:sales:h200/entries?limit=2&cursor=" + cursor)
                .jsonPath();
        assertThat(second.getList("entries.entryId")).doesNotContainAnyElementsOf(first.getList("entries.entryId"));
    }

    @Test
    @Order(7)
    void undecodableMessageLandsInTheDeadLetterTopic() {
        probe.sendRaw(Topics.ORDERS.name(), "broken", "{not json".getBytes(StandardCharsets.UTF_8), null);
        List<ConsumerRecord<String, byte[]>> dead = probe.awaitRecords("tollgate.ledger-service.dlt", 1, WAIT);
        assertThat(dead).anySatisfy(r -> assertThat(r.key()).isEqualTo("broken"));
    }

    @Test
    @Order(8)
    void metricsShowPostingsParkedEventsAndTheLiability() {
        String metrics = asTester().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tollgate_ledger_entries_posted_total", "tollgate_ledger_parked",
                "tollgate_ledger_revenue_share_liability_minor_units{currency=\"USD\"",
                "tollgate_ledger_batch_size", "tollgate_ledger_batch_commit_seconds",
                "kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    @Order(9)
    void alteredPostingIsFoundByTheAudit() throws Exception {
        // given a sound journal
        asTester().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        String entryId = anEntryId();
        // when one amount is changed behind the ledger's back
        execute("UPDATE ledger_posting SET amount_minor = amount_minor + 1 WHERE entry_id = '" + entryId
                + "' AND line = 0");
        // then
        asTester().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(false))
                .body("problem.entryId", equalTo(entryId));
        execute("UPDATE ledger_posting SET amount_minor = amount_minor - 1 WHERE entry_id = '" + entryId
                + "' AND line = 0");
        asTester().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
    }

    @Test
    @Order(10)
    void deletedEntryIsFoundByTheAuditAndARebuildRestoresTheSameDigest() throws Exception {
        // given
        String entryId = anEntryId();
        String digest = asTester().get("/api/v1/balances").jsonPath().getString("digest");
        // when an entry disappears
        execute("DELETE FROM ledger_posting WHERE entry_id = '" + entryId + "'");
        execute("DELETE FROM ledger_entry WHERE entry_id = '" + entryId + "'");
        // then
        JsonPath verdict = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.reason")).contains("missing");
        // when the journal is rebuilt from the topics
        JsonPath rebuilt = asTester().post("/api/v1/rebuild").then().statusCode(200).extract().jsonPath();
        // then
        assertThat(rebuilt.getString("digest")).isEqualTo(digest);
        asTester().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
        assertThat(asTester().get("/api/v1/balances").jsonPath().getString("digest")).isEqualTo(digest);
    }

    private void execute(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isPositive();
        }
    }

    /** An entry in the middle of a chain that has several (three grants of one order share a chain). */
    private String anEntryId() throws Exception {
        String order = newId("order");
        send(requested(order, newId("cust"), "10.00", "USD"));
        for (int i = 1; i <= 3; i++) {
            send(granted(order, "a" + i + "-" + order));
        }
        awaitEntries(order, 3);
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entry_id FROM ledger_entry WHERE seq = 2"
                     + " AND chain_id IN (SELECT chain_id FROM ledger_chain WHERE last_seq >= 3) ORDER BY chain_id")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a chain with three entries").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Envelope envelope(WireEvent event) {
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/test", event);
    }

    private static void send(WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(), envelope(event));
    }

    private static void awaitEntries(String order, int entries) {
        await().atMost(WAIT).until(() -> entriesOf(order).stream().map(e -> e.get("entryId")).distinct().count()
                >= entries);
    }

    private static List<Map<String, Object>> entriesOf(String order) {
        return asTester().get("/api/v1/orders/" + order + "/entries").then().statusCode(200).extract().jsonPath()
                .getList("entries");
    }

    private static List<String> postings(String order) {
        return entriesOf(order).stream().map(e -> e.get("side") + " " + e.get("amount") + " " + e.get("currency"))
                .sorted().toList();
    }

    private static String balance(JsonPath balances, String account) {
        return balances.getString("accounts.find { it.account == '" + account + "' }.balance");
    }

    /** Every role: these tests are about the ledger's behaviour, LedgerAccessTest about who may call it. */
    private static RequestSpecification asTester() {
        return given().auth().preemptive().basic(TestUsers.TESTER, TestUsers.password(TestUsers.TESTER));
    }
}
