package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.cancelledAuthorized;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.grantedUnder;
import static io.tollgate.ledger.testing.Events.paid;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.DocumentKind;
import io.tollgate.contracts.DocumentSuppliedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.SupplyPassedOverV1;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.signing.EventSigner;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestSigning;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.journal.LedgerWriter;
import io.tollgate.ledger.testing.Rebuilds;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
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
    @Inject
    LedgerWriter writer;

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
        // and the producer's signature of it: the grant's by the regulator's key, the payment's by order-service's
        assertThat(entries).extracting(e -> e.get("kind") + " " + signingKeyOf(e)).containsOnly(
                "AUTHORIZATION " + TestSigning.keyOf("regulator-service").keyId(),
                "PAYMENT " + TestSigning.keyOf("order-service").keyId());
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
        // then the markers are posted, the duplicates are not, and the second grant books no revenue
        awaitEntries(order, 3);
        assertThat(entriesOf(order).stream().filter(e -> e.get("kind").equals("AUTHORIZATION")).count())
                .isEqualTo(4);
        assertThat(entriesOf(order)).filteredOn(e -> e.get("kind").equals("ANOMALY"))
                .extracting(e -> e.get("account") + " " + e.get("side") + " " + e.get("amount")).containsExactlyInAnyOrder(
                        "suspense:repeated-decision debit 400.00", "suspense:repeated-decision credit 400.00");
        assertThat(asTester().get("/q/metrics").asString()).contains("tollgate_ledger_anomalies_total");
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
        asTester().get("/api/v1/accounts/cash:operating/entries?limit=100000").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("limit"));
        asTester().get("/api/v1/audit/export?limit=-1").then().statusCode(400).body("field", equalTo("limit"));
    }

    @Test
    @Order(5)
    void unknownCurrencyAndInstantsBeyondTheJournalAreAnsweredWithProblemJson() {
        asTester().get("/api/v1/summary?currency=ABC").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("currency"));
        asTester().get("/api/v1/balances?currency=ABC").then().statusCode(400).body("field", equalTo("currency"));
        asTester().get("/api/v1/summary?currency=XAU").then().statusCode(400).body("field", equalTo("currency"));
        asTester().get("/api/v1/balances?asOf=+100000-01-01T00:00:00Z").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("asOf"));
        asTester().get("/api/v1/balances?asOf=1900-01-01T00:00:00Z").then().statusCode(400)
                .body("field", equalTo("asOf"));
        asTester().get("/api/v1/balances?asOf=9999-12-31T23:59:59Z").then().statusCode(200);
    }

    @Test
    @Order(5)
    void summaryCountsOrdersAwaitingADecisionApartFromTheTotal() {
        // given one order awaiting its decision and one authorized, in a currency no other test uses
        String waiting = newId("order");
        String decided = newId("order");
        send(requested(waiting, newId("cust"), "10.00", "CHF"));
        send(requested(decided, newId("cust"), "10.00", "CHF"));
        send(granted(decided, "a-" + decided));
        awaitEntries(decided, 1);
        await().atMost(WAIT).until(() -> asTester().get("/api/v1/summary?currency=CHF").jsonPath()
                .getLong("orders.total") == 2);
        // then
        JsonPath summary = asTester().get("/api/v1/summary?currency=CHF").jsonPath();
        assertThat(summary.getLong("orders.requested")).isEqualTo(1);
        assertThat(summary.getLong("orders.authorized")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void accountEntriesArePagedWithACursor() {
        JsonPath first = asTester().get("/api/v1/accounts/revenue:sales:h200/entries?limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        // the field clients read before the envelope was shared carries the same lines
        assertThat(first.getList("entries")).isEqualTo(first.getList("items"));
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        JsonPath second = asTester().get("/api/v1/accounts/revenue:sales:h200/entries?limit=2&cursor=" + cursor)
                .jsonPath();
        assertThat(second.getList("items.entryId")).doesNotContainAnyElementsOf(first.getList("items.entryId"));
    }

    @Test
    @Order(7)
    void undecodableMessageLandsInTheDeadLetterTopic() {
        probe.sendRaw(Topics.ORDERS.name(), "broken", "{not json".getBytes(StandardCharsets.UTF_8), null);
        List<ConsumerRecord<String, byte[]>> dead = probe.awaitRecords("tollgate.ledger-service.dlt", 1, WAIT);
        assertThat(dead).anySatisfy(r -> assertThat(r.key()).isEqualTo("broken"));
    }

    @Test
    @Order(7)
    void forgedGrantsAreDeadLetteredWithTheirReasonAndBookNothing() {
        // given two requested orders (a request alone books nothing)
        String order = newId("order");
        String other = newId("order");
        String customer = newId("cust");
        send(requested(order, customer, "5000.00", "USD"));
        send(requested(other, customer, "5000.00", "USD"));
        Envelope grant = envelope(granted(order, "forged-" + order));
        Envelope fromOrderService = Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE,
                granted(other, "forged-" + other));
        EventSigner orderKey = TestSigning.keyOf("order-service").signer();

        // when grants are forged straight onto the topic: unsigned, by an untrusted key, by
        // order-service's key claiming the regulator, and by order-service's key in its own name
        probe.send(Topics.AUTHORIZATIONS.name(), withNewId(grant), null);
        probe.send(Topics.AUTHORIZATIONS.name(), withNewId(grant), TestSigning.fresh("forger").signer());
        probe.send(Topics.AUTHORIZATIONS.name(), withNewId(grant), orderKey);
        probe.send(Topics.AUTHORIZATIONS.name(), fromOrderService, orderKey);

        // then each is dead-lettered with its reason
        List<String> reasons = await().atMost(WAIT).until(() -> deadLetterReasons(order, other), r -> r.size() == 4);
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("SIGNATURE_REJECTED").contains("unsigned"))
                .anySatisfy(r -> assertThat(r).startsWith("SIGNATURE_REJECTED").contains("no trusted key"))
                .anySatisfy(r -> assertThat(r).startsWith("SIGNATURE_REJECTED")
                        .contains("not by the claimed ce_source " + Provenance.REGULATOR_SERVICE))
                .anySatisfy(r -> assertThat(r).startsWith("CONTRACT_VIOLATION").contains("ce_source must be"));
        // and nothing is booked: no entry, no balance of the customer
        assertThat(entriesOf(order)).isEmpty();
        assertThat(entriesOf(other)).isEmpty();
        JsonPath balances = asTester().queryParam("currency", "USD").get("/api/v1/balances").jsonPath();
        assertThat(balance(balances, "receivable:customer:" + customer)).isNull();

        // and the regulator's real grant still books (an untrusted record holds nothing back)
        send(granted(order, "a-" + order));
        awaitEntries(order, 1);
        assertThat(entriesOf(order)).extracting(LedgerServiceTest::signingKeyOf)
                .containsOnly(TestSigning.keyOf("regulator-service").keyId());
    }

    @Test
    @Order(7)
    void aBurstReadInLargePollsIsDecodedOnSeveralThreadsAndEveryGenuineGrantBooksWhileForgedOnesAreRefused() {
        // given 200 requested orders of one customer, published while live posting is held back,
        // then their grants, three of them forged (signed by a key nobody trusts), so that the loop
        // meets them in polls large enough to be decoded on its helper thread too
        String customer = newId("cust");
        List<String> orders = IntStream.range(0, 200).mapToObj(i -> newId("order")).toList();
        List<String> forged = List.of(orders.get(17), orders.get(101), orders.get(188));
        assertThat(writer.acquire(WAIT.toMillis())).isTrue();
        try {
            for (String order : orders) {
                send(requested(order, customer, "100.00", "USD"));
            }
            for (String order : orders) {
                if (forged.contains(order)) {
                    probe.send(Topics.AUTHORIZATIONS.name(), envelope(granted(order, "forged-" + order)),
                            TestSigning.fresh("forger").signer());
                } else {
                    send(granted(order, "a-" + order));
                }
            }
        } finally {
            writer.release();
        }

        // then the 197 genuine grants book the customer's receivable, to the cent
        await().atMost(Duration.ofSeconds(90)).until(() -> balance(asTester().queryParam("currency", "USD")
                .get("/api/v1/balances").jsonPath(), "receivable:customer:" + customer), "19700.00"::equals);
        // and each forged grant is dead-lettered for its signature and books nothing
        assertThat(await().atMost(WAIT).until(() -> deadLetterReasons(forged.toArray(String[]::new)),
                r -> r.size() == 3)).allSatisfy(r -> assertThat(r).startsWith("SIGNATURE_REJECTED"));
        forged.forEach(order -> assertThat(entriesOf(order)).isEmpty());
        // and the polls were shared with the loop's decoding helper
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .anyMatch(name -> name.startsWith("tollgate-consumer-decode-"));
    }

    @Test
    @Order(7)
    void anApplicationsWaitsTheSuppliedScenarioAndDocumentAndAPassedOverSupplyBookNothingAndAreNotDeadLettered() {
        // given an order whose application waited twice, once for a scenario the ERP then supplied
        // (with a document), and a supply the regulator passed over (on the grant's partition, ahead
        // of it, so it is read by the time the grant books)
        String waited = newId("order");
        String plain = newId("order");
        String customer = newId("cust");
        Instant at = Instant.now();
        send(requested(waited, customer, "3000.00", "USD"));
        send(new AuthorizationPendingV1(waited, AuthorizationPendingV1.USAGE_SCENARIO, "CN_IMPORT",
                "USAGE_SCENARIO_MISSING", "at least 40 characters", "2026-01-15.1", null, at));
        send(new UsageScenarioSuppliedV1(waited, "LLM inference for search in a named data centre", "erp", at));
        send(new DocumentSuppliedV1(waited, DocumentKind.LAB_TEST_REPORT, "US Labs", LocalDate.now(ZoneOffset.UTC),
                LocalDate.now(ZoneOffset.UTC).plusDays(60), "LAB-1", "ab".repeat(32), "erp", at));
        send(new AuthorizationPendingV1(waited, AuthorizationPendingV1.OFFICER_REVIEW, "US_EXPORT",
                "QUANTITY_ABOVE_REVIEW_THRESHOLD", "an officer decides", "2026-01-15.1", null, at));
        send(new SupplyPassedOverV1(waited, SupplyPassedOverV1.DOCUMENT, UUID.randomUUID().toString(),
                DocumentKind.LAB_TEST_REPORT, "GRANTED", at));

        // when it is granted, like an order that never waited
        send(granted(waited, "a-" + waited));
        send(requested(plain, customer, "3000.00", "USD"));
        send(granted(plain, "a-" + plain));

        // then both book the same single authorization entry, and nothing was dead-lettered
        awaitEntries(waited, 1);
        awaitEntries(plain, 1);
        assertThat(postings(waited)).isEqualTo(postings(plain));
        assertThat(entriesOf(waited).stream().map(e -> e.get("entryId")).distinct().count()).isEqualTo(1);
        JsonPath balances = asTester().get("/api/v1/balances?currency=USD").jsonPath();
        assertThat(balance(balances, "receivable:customer:" + customer)).isEqualTo("6000.00");
        assertThat(deadLetterReasons(waited, plain)).isEmpty();
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
    @Order(8)
    void theDecisionsPolicyVersionAndClauseAreInItsEntriesMetadataUnderTheirHash() throws Exception {
        // given a grant that names its clause, and one published before grants named one
        String named = newId("order");
        String unnamed = newId("order");
        send(requested(named, newId("cust"), "100.00", "USD"));
        send(grantedUnder(named, "a-" + named, "2026-01-15.1", "case-by-case-h200-class"));
        send(requested(unnamed, newId("cust"), "100.00", "USD"));
        send(granted(unnamed, "a-" + unnamed));
        awaitEntries(named, 1);
        awaitEntries(unnamed, 1);

        // then every line of the authorization entry names them as the event did
        assertThat(entriesOf(named)).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("kind")).isEqualTo("AUTHORIZATION");
            assertThat(line.get("policyVersion")).isEqualTo("2026-01-15.1");
            assertThat(line.get("policyClause")).isEqualTo("case-by-case-h200-class");
        });
        assertThat(entriesOf(unnamed)).isNotEmpty().allSatisfy(line -> {
            assertThat(line.get("policyVersion")).isEqualTo("policy-1");
            assertThat(line).doesNotContainKey("policyClause");
        });

        // and the clause is covered by the entry hash: changing it behind the ledger's back is found
        asTester().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        String entryId = (String) entriesOf(named).get(0).get("entryId");
        execute("UPDATE ledger_entry SET policy_clause = 'presumption-of-denial' WHERE entry_id = '" + entryId + "'");
        JsonPath verdict = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.kind")).isEqualTo("ENTRY_HASH");
        assertThat(verdict.getString("problem.entryId")).isEqualTo(entryId);
        execute("UPDATE ledger_entry SET policy_clause = 'case-by-case-h200-class' WHERE entry_id = '" + entryId
                + "'");
        asTester().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
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
        // then the audit names the gap, and the digest (taken from hashed postings) moved
        JsonPath verdict = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.reason")).contains("missing");
        assertThat(verdict.getString("problem.kind")).isEqualTo("MISSING_ENTRY");
        assertThat(asTester().get("/api/v1/balances").jsonPath().getString("digest")).isNotEqualTo(digest);
        // when the journal is rebuilt from the topics
        JsonPath rebuilt = Rebuilds.rebuild(WAIT);
        // then the new generation has the live digest of before the loss, and the comparison with
        // the generation it replaced names the entry and the balances that differ
        assertThat(rebuilt.getString("outcome.digest")).isEqualTo(digest);
        assertThat(rebuilt.getString("outcome.previousDigest")).isNotEqualTo(digest);
        assertThat(rebuilt.getList("outcome.entries.onlyInNew", String.class)).containsExactly(entryId);
        assertThat(rebuilt.getLong("outcome.entries.onlyInNewCount")).isEqualTo(1);
        assertThat(rebuilt.getLong("outcome.entries.onlyInPreviousCount")).isZero();
        assertThat(rebuilt.getLong("outcome.balanceChangeCount")).isPositive();
        asTester().get("/api/v1/audit/verify").then().body("ok", equalTo(true));
        assertThat(asTester().get("/api/v1/balances").jsonPath().getString("digest")).isEqualTo(digest);
        // and the rebuilt entries carry their source signatures as the live ones did
        assertThat(single("SELECT COUNT(*) FROM ledger_entry WHERE source_signature IS NULL")).isEqualTo("0");
        assertThat(single("SELECT source_signature FROM ledger_entry WHERE entry_id = '" + entryId + "'"))
                .isNotBlank();
    }

    @Test
    @Order(11)
    void everyDerivedFigureAQueryReadsIsCheckedByTheAudit() throws Exception {
        // given a sound journal with at least one balance checkpoint
        String entryId = anEntryId();
        awaitACheckpoint();
        assertVerified();
        String chain = single("SELECT chain_id FROM ledger_entry WHERE entry_id = '" + entryId + "'");
        String account = single("SELECT MIN(account) FROM ledger_balance WHERE chain_id = '" + chain + "'");
        String postingId = single("SELECT MIN(posting_id) FROM ledger_posting WHERE entry_id = '" + entryId + "'");
        String checkpoint = single("SELECT MIN(chain_id) FROM ledger_checkpoint_balance");
        // then each edit is named with its kind, and undoing it makes the journal sound again
        tampered("UPDATE ledger_balance SET debit_minor = debit_minor + 1 WHERE chain_id = '" + chain
                + "' AND account = '" + account + "'", "UPDATE ledger_balance SET debit_minor = debit_minor - 1"
                + " WHERE chain_id = '" + chain + "' AND account = '" + account + "'", "BALANCE", "ledger_balance");
        tampered("UPDATE ledger_posting SET business_us = business_us - 1 WHERE posting_id = " + postingId,
                "UPDATE ledger_posting SET business_us = business_us + 1 WHERE posting_id = " + postingId,
                "POSTING_TIME", "ledger_posting");
        tampered("UPDATE ledger_posting SET recorded_us = recorded_us + 1 WHERE posting_id = " + postingId,
                "UPDATE ledger_posting SET recorded_us = recorded_us - 1 WHERE posting_id = " + postingId,
                "POSTING_TIME", "ledger_posting");
        tampered("INSERT INTO ledger_posting (entry_id, line, chain_id, seq, account, currency, side, amount_minor,"
                + " business_us, recorded_us) VALUES ('no-such-entry', 0, '" + chain + "', 1, 'cash:operating',"
                + " 'USD', 'D', 100, 0, 0)", "DELETE FROM ledger_posting WHERE entry_id = 'no-such-entry'",
                "ORPHAN_POSTING", "ledger_posting");
        tampered("UPDATE ledger_checkpoint_balance SET credit_minor = credit_minor + 1 WHERE chain_id = '"
                + checkpoint + "'", "UPDATE ledger_checkpoint_balance SET credit_minor = credit_minor - 1"
                + " WHERE chain_id = '" + checkpoint + "'", "CHECKPOINT", "ledger_checkpoint");
        tampered("UPDATE ledger_checkpoint SET max_business_us = max_business_us + 1 WHERE chain_id = '"
                + checkpoint + "'", "UPDATE ledger_checkpoint SET max_business_us = max_business_us - 1"
                + " WHERE chain_id = '" + checkpoint + "'", "CHECKPOINT", "ledger_checkpoint");
        // an interval's earliest time moved later would let an as-of query skip an entry in it
        tampered("UPDATE ledger_checkpoint SET min_business_us = min_business_us + 1 WHERE chain_id = '"
                + checkpoint + "'", "UPDATE ledger_checkpoint SET min_business_us = min_business_us - 1"
                + " WHERE chain_id = '" + checkpoint + "'", "CHECKPOINT", "ledger_checkpoint");
        tampered("UPDATE ledger_checkpoint SET from_seq = from_seq + 1 WHERE chain_id = '"
                + checkpoint + "'", "UPDATE ledger_checkpoint SET from_seq = from_seq - 1"
                + " WHERE chain_id = '" + checkpoint + "'", "CHECKPOINT", "ledger_checkpoint");
        tampered("UPDATE ledger_chain SET tail_min_recorded_us = tail_min_recorded_us - 1 WHERE chain_id = '"
                + chain + "'", "UPDATE ledger_chain SET tail_min_recorded_us = tail_min_recorded_us + 1"
                + " WHERE chain_id = '" + chain + "'", "CHECKPOINT", "ledger_chain");
    }

    @Test
    @Order(12)
    void deletedTailWithItsHeadRewrittenIsFoundByTheAudit() throws Exception {
        // given a chain of at least two entries
        String entryId = anEntryId();
        String chain = single("SELECT chain_id FROM ledger_entry WHERE entry_id = '" + entryId + "'");
        long last = Long.parseLong(single("SELECT last_seq FROM ledger_chain WHERE chain_id = '" + chain + "'"));
        String tail = single("SELECT entry_id FROM ledger_entry WHERE chain_id = '" + chain + "' AND seq = " + last);
        String newHead = single("SELECT hash FROM ledger_entry WHERE chain_id = '" + chain + "' AND seq = "
                + (last - 1));
        // when the last entry goes and the head is moved back to its predecessor
        execute("DELETE FROM ledger_posting WHERE entry_id = '" + tail + "'");
        execute("DELETE FROM ledger_entry WHERE entry_id = '" + tail + "'");
        execute("DELETE FROM ledger_checkpoint_balance WHERE chain_id = '" + chain + "' AND seq = " + last, false);
        execute("DELETE FROM ledger_checkpoint WHERE chain_id = '" + chain + "' AND seq = " + last, false);
        execute("UPDATE ledger_chain SET last_seq = " + (last - 1) + ", last_hash = '" + newHead
                + "' WHERE chain_id = '" + chain + "'");
        // then the running balances no longer add up to the chain's postings
        JsonPath verdict = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.kind")).isEqualTo("BALANCE");
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
        rebuildAndVerify();
    }

    @Test
    @Order(13)
    void deletedWholeChainIsFoundByTheAudit() throws Exception {
        // given
        String entryId = anEntryId();
        String chain = single("SELECT chain_id FROM ledger_entry WHERE entry_id = '" + entryId + "'");
        // when every entry of the chain and its head row are deleted
        execute("DELETE FROM ledger_entry WHERE chain_id = '" + chain + "'");
        execute("DELETE FROM ledger_chain WHERE chain_id = '" + chain + "'");
        // then its postings (and sums) are left without an entry
        JsonPath verdict = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(verdict.getBoolean("ok")).isFalse();
        assertThat(verdict.getString("problem.kind")).isEqualTo("ORPHAN_POSTING");
        assertThat(verdict.getString("problem.chainId")).isEqualTo(chain);
        // and with the postings gone too, the chain's running balances are still there to tell
        execute("DELETE FROM ledger_posting WHERE chain_id = '" + chain + "'");
        JsonPath again = asTester().get("/api/v1/audit/verify").jsonPath();
        assertThat(again.getString("problem.kind")).isEqualTo("BALANCE");
        assertThat(again.getString("problem.row")).isEqualTo(chain);
        rebuildAndVerify();
    }

    private void tampered(String edit, String undo, String kind, String table) throws Exception {
        execute(edit);
        JsonPath verdict = asTester().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verdict.getBoolean("ok")).as(edit).isFalse();
        assertThat(verdict.getString("problem.kind")).as(edit).isEqualTo(kind);
        assertThat(verdict.getString("problem.table")).as(edit).isEqualTo(table);
        execute(undo);
        assertVerified();
    }

    private static void assertVerified() {
        JsonPath verdict = asTester().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(verdict.getBoolean("ok")).as(verdict.prettify()).isTrue();
    }

    private static void rebuildAndVerify() {
        Rebuilds.rebuild(WAIT);
        assertVerified();
    }

    /** Sends granted orders until some chain has a checkpoint (every 7 entries in tests). */
    private void awaitACheckpoint() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String order = newId("order");
            send(requested(order, newId("cust"), "1.00", "USD"));
            send(granted(order, "a-" + order));
            orders.add(order);
        }
        await().atMost(WAIT).until(() -> Long.parseLong(single("SELECT COUNT(*) FROM ledger_checkpoint_balance")) > 0);
        // The audit reads chain by chain, not in one snapshot: let the posting of these orders end.
        for (String order : orders) {
            await().atMost(WAIT).until(() -> Long.parseLong(single("SELECT COUNT(*) FROM ledger_entry"
                    + " WHERE order_id = '" + order + "'")) > 0);
        }
    }

    private String single(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private void execute(String sql, boolean mustChange) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            int changed = s.executeUpdate(sql);
            if (mustChange) {
                assertThat(changed).as(sql).isPositive();
            }
        }
    }

    private void execute(String sql) throws Exception {
        execute(sql, true);
    }

    /**
     * An entry that moves money, in the middle of a chain: the second of three payments of one order
     * (all on its orders partition; the third follows it in the same chain).
     */
    private String anEntryId() throws Exception {
        String order = newId("order");
        send(requested(order, newId("cust"), "10.00", "USD"));
        send(granted(order, "a-" + order));
        for (int i = 1; i <= 3; i++) {
            send(paid(order, "a-" + order, "1.00", "USD"));
        }
        awaitEntries(order, 4);
        try (Connection c = databases.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT entry_id FROM ledger_entry WHERE order_id = ?"
                     + " AND kind = 'PAYMENT' ORDER BY seq")) {
            ps.setString(1, order);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next() && rs.next()).as("three payments in one chain").isTrue();
                return rs.getString(1);
            }
        }
    }

    private static Envelope withNewId(Envelope e) {
        return new Envelope(UUID.randomUUID().toString(), e.type(), e.source(), e.time(), e.subject(), e.event());
    }

    /** The dead-letter reasons of records keyed by any of {@code orders}. */
    private static List<String> deadLetterReasons(String... orders) {
        List<String> keys = List.of(orders);
        return probe.readAll("tollgate.ledger-service.dlt", Duration.ofSeconds(5)).stream()
                .filter(r -> keys.contains(r.key()))
                .map(r -> new String(r.headers().lastHeader(Topics.DLT_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** The key id named by an entry line's source signature (Base64 of the DSSE JSON envelope). */
    private static String signingKeyOf(Map<String, Object> entry) {
        String material = (String) entry.get("sourceSignature");
        assertThat(material).as("sourceSignature of " + entry.get("entryId")).isNotBlank();
        return JsonPath.from(new String(Base64.getDecoder().decode(material), StandardCharsets.UTF_8))
                .getString("signatures[0].keyid");
    }

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static Envelope envelope(WireEvent event) {
        return Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event), event);
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
