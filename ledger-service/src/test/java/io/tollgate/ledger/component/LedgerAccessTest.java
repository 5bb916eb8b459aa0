package io.tollgate.ledger.component;

import static io.restassured.RestAssured.given;
import static io.tollgate.ledger.testing.Events.cancelledAuthorized;
import static io.tollgate.ledger.testing.Events.granted;
import static io.tollgate.ledger.testing.Events.requested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.EventTypes;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireEvent;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.EndpointRoleMatrix;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.ledger.journal.EntryHasher;
import io.tollgate.ledger.kafka.RebuildLock;
import io.tollgate.ledger.posting.EntryKind;
import io.tollgate.ledger.posting.Posting;
import io.tollgate.ledger.posting.Side;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call the ledger: every endpoint against every role and no credentials, refusals that
 * store nothing, the metrics endpoint, and the principal of each entry's source event in the export.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class LedgerAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Pages of the export read in a test: a bound on the loop, far above what the tests store. */
    private static final int EXPORT_PAGES_MAX = 10_000;
    private static KafkaProbe probe;

    @TestHTTPResource("/")
    URI base;
    @Inject
    Databases databases;
    @Inject
    RebuildLock rebuildLock;

    @BeforeAll
    static void connect() {
        probe = new KafkaProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void everyEndpointAdmitsExactlyTheRolesItDeclares() throws Exception {
        // given
        EndpointRoleMatrix matrix = EndpointRoleMatrix.forService(base)
                .allowDeadLetterOperations()
                .allowProblemCatalogue()
                .allow("GET /api/v1/balances", Roles.AUDITOR)
                .allow("GET /api/v1/summary", Roles.AUDITOR, Roles.OPERATOR)
                .allow("GET /api/v1/accounts/{account}/entries", Roles.AUDITOR)
                .allow("GET /api/v1/orders/{orderId}/entries", Roles.AUDITOR)
                .allow("GET /api/v1/audit/verify", Roles.AUDITOR)
                .allow("GET /api/v1/audit/export", Roles.AUDITOR)
                .allow("GET /api/v1/audit/chains", Roles.AUDITOR)
                .allow("GET /api/v1/audit/chain-points", Roles.AUDITOR)
                .allow("POST /api/v1/rebuild", Roles.OPERATOR)
                .allow("GET /api/v1/rebuild/{id}", Roles.AUDITOR, Roles.OPERATOR)
                .allow("DELETE /api/v1/rebuild/{id}", Roles.OPERATOR)
                .allow("GET /api/v1/console/operations", Roles.OPERATOR, Roles.AUDITOR)
                .allow("GET /api/v1/console/money", Roles.AUDITOR, Roles.TREASURY)
                .allow("GET /api/v1/console/orders/{orderId}", Roles.AUDITOR, Roles.TREASURY)
                .allow("GET /api/v1/console/stream", Roles.OPERATOR, Roles.AUDITOR, Roles.TREASURY);

        // when
        matrix.assertEveryEndpointDeclared();
        List<String> violations = matrix.violations();
        // The operator's cell started a real rebuild job: the other tests want it ended.
        await().atMost(WAIT).until(this::noRebuildRuns);

        // then
        assertThat(violations).isEmpty();
    }

    @Test
    void refusedCallsChangeNothingStored() throws Exception {
        // given a journal with entries
        String order = "order-" + UUID.randomUUID();
        send(requested(order, "cust-" + UUID.randomUUID(), "50.00", "USD"));
        send(granted(order, "a-" + order));
        awaitEntryKinds(order, "AUTHORIZATION");
        String before = journalSnapshot();

        // when the rebuild (the one call that writes) is tried without credentials, with a wrong
        // password and by every role but the operator (the read-only auditor included)
        given().post("/api/v1/rebuild").then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth().preemptive().basic(Roles.OPERATOR, "not-the-password").post("/api/v1/rebuild")
                .then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of(Roles.ERP, Roles.TREASURY, Roles.COMPLIANCE, Roles.AUDITOR)) {
            as(role).post("/api/v1/rebuild").then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"));
        }

        // then
        assertThat(journalSnapshot()).isEqualTo(before);
    }

    @Test
    void metricsAreForOperatorsAndAuditorsAndHealthIsOpen() {
        Response anonymous = given().get("/q/metrics");
        // The permission check runs in Vert.x, before JAX-RS: an anonymous caller gets Quarkus' own
        // challenge (401, WWW-Authenticate, empty body), not problem+json; a wrong role gets problem+json.
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isNotNull();
        assertThat(anonymous.asString()).doesNotContain("tollgate_ledger");
        as(Roles.OPERATOR).get("/q/metrics").then().statusCode(200);
        as(Roles.AUDITOR).get("/q/metrics").then().statusCode(200);
        Response erp = as(Roles.ERP).get("/q/metrics");
        assertThat(erp.statusCode()).isEqualTo(403);
        assertThat(erp.contentType()).startsWith("application/problem+json");
        assertThat(erp.asString()).doesNotContain("tollgate_ledger");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void exportShowsWhoCausedEachEntryAndEveryFieldItsHashCovers() throws Exception {
        // given an order requested by the ERP user, granted by policy, cancelled by the ERP user
        String order = "order-" + UUID.randomUUID();
        OrderRequestedV1 request = requested(order, "cust-" + UUID.randomUUID(), "80.00", "USD");
        assertThat(request.requestedBy()).isEqualTo(Roles.ERP);
        send(request);
        send(granted(order, "a-" + order));
        send(cancelledAuthorized(order, "a-" + order));
        awaitEntryKinds(order, "AUTHORIZATION", "REVERSAL");

        // when the whole journal is exported in small pages
        List<Map<String, Object>> exported = exportAll(2);

        // then the order's entries name who caused them: a request posts nothing itself, so the
        // ERP user shows on the reversal its cancellation caused, and the grant's decider on the grant
        List<Map<String, Object>> ofOrder = exported.stream().filter(e -> order.equals(e.get("orderId"))).toList();
        assertThat(ofOrder).extracting(e -> e.get("kind") + " " + e.get("principal"))
                .containsExactlyInAnyOrder("AUTHORIZATION policy", "REVERSAL " + Roles.ERP);
        // and the entries endpoint shows the same
        assertThat(as(Roles.AUDITOR).get("/api/v1/orders/" + order + "/entries").jsonPath()
                .getList("entries.principal", String.class)).containsOnly("policy", Roles.ERP);
        // and the export is in chain order, linked, and recomputes to its hashes from its own fields
        assertChainOrderAndHashes(exported);
    }

    @Test
    void changingAnEntrysPrincipalBreaksItsChain() throws Exception {
        // given
        String order = "order-" + UUID.randomUUID();
        send(requested(order, "cust-" + UUID.randomUUID(), "20.00", "USD"));
        send(granted(order, "a-" + order));
        awaitEntryKinds(order, "AUTHORIZATION");
        as(Roles.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
        String entryId = as(Roles.AUDITOR).get("/api/v1/orders/" + order + "/entries").jsonPath()
                .getString("entries[0].entryId");

        // when someone rewrites who did it behind the ledger's back
        execute("UPDATE ledger_entry SET principal = 'mallory' WHERE entry_id = '" + entryId + "'");

        // then
        as(Roles.AUDITOR).get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(false))
                .body("problem.entryId", equalTo(entryId));
        execute("UPDATE ledger_entry SET principal = 'policy' WHERE entry_id = '" + entryId + "'");
        as(Roles.AUDITOR).get("/api/v1/audit/verify").then().body("ok", equalTo(true));
    }

    @Test
    void exportRefusesBadPagingWithProblemJson() {
        as(Roles.AUDITOR).get("/api/v1/audit/export?limit=0").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("limit"));
        as(Roles.AUDITOR).get("/api/v1/audit/export?cursor=not-a-cursor").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("cursor"));
    }

    private List<Map<String, Object>> exportAll(int pageSize) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < EXPORT_PAGES_MAX; page++) {
            RequestSpecification request = as(Roles.AUDITOR).queryParam("limit", pageSize);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/api/v1/audit/export").then().statusCode(200).extract().jsonPath();
            assertThat(body.getString("hashEncoding")).isEqualTo("tollgate.ledger.entry.v2");
            List<Map<String, Object>> entries = body.getList("items");
            assertThat(entries.size()).isLessThanOrEqualTo(pageSize);
            // the field clients read before the envelope was shared carries the same entries
            assertThat(body.getList("entries")).isEqualTo(entries);
            all.addAll(entries);
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("the export did not end within " + EXPORT_PAGES_MAX + " pages");
    }

    private static void assertChainOrderAndHashes(List<Map<String, Object>> exported) {
        EntryHasher hasher = new EntryHasher();
        Set<String> chainsDone = new HashSet<>();
        String chain = null;
        String prevHash = null;
        long seq = 0;
        for (Map<String, Object> e : exported) {
            String entryChain = (String) e.get("chain");
            if (!entryChain.equals(chain)) {
                // each chain comes whole, in one run (the order among chains is the database's)
                assertThat(chainsDone.add(entryChain)).as("chain " + entryChain + " in one run").isTrue();
                chain = entryChain;
                prevHash = EntryHasher.genesisHex();
                seq = 0;
            }
            assertThat(((Number) e.get("seq")).longValue()).as("seq in " + chain).isEqualTo(seq + 1);
            assertThat(e.get("prevHash")).isEqualTo(prevHash);
            String recomputed = EntryHasher.hex(hasher.hash(EntryHasher.unhex(prevHash), fields(e)));
            assertThat(recomputed).as("hash of " + e.get("entryId")).isEqualTo(e.get("hash"));
            seq++;
            prevHash = (String) e.get("hash");
        }
    }

    @SuppressWarnings("unchecked")
    private static EntryHasher.Fields fields(Map<String, Object> e) {
        List<Posting> postings = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) e.get("postings")) {
            postings.add(new Posting((String) p.get("account"), (String) p.get("currency"),
                    Side.ofCode(p.get("side").equals("debit") ? "D" : "C"), ((Number) p.get("amountMinor")).longValue()));
        }
        return new EntryHasher.Fields((String) e.get("entryId"), (String) e.get("chain"),
                ((Number) e.get("seq")).longValue(), EntryKind.valueOf((String) e.get("kind")),
                (String) e.get("orderId"), (String) e.get("sourceEventId"), (String) e.get("sourceTopic"),
                ((Number) e.get("sourcePartition")).intValue(), ((Number) e.get("sourceOffset")).longValue(),
                Instant.parse((String) e.get("businessTime")), Instant.parse((String) e.get("recordedTime")),
                (String) e.get("principal"), postings, (String) e.get("policyVersion"), (String) e.get("policyClause"));
    }

    /** Every stored row that a write would touch, as one comparable text. */
    private String journalSnapshot() throws Exception {
        StringBuilder out = new StringBuilder();
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT entry_id, chain_id, seq, recorded_us, principal, hash FROM ledger_entry ORDER BY entry_id",
                    "SELECT entry_id, line, amount_minor FROM ledger_posting ORDER BY entry_id, line",
                    "SELECT chain_id, last_seq, last_hash FROM ledger_chain ORDER BY chain_id",
                    "SELECT order_id, status, state FROM ledger_order ORDER BY order_id",
                    "SELECT event_id FROM ledger_processed_event ORDER BY event_id")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            out.append(rs.getString(i)).append('|');
                        }
                        out.append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = databases.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isPositive();
        }
    }

    private static void awaitEntryKinds(String order, String... kinds) {
        await().atMost(WAIT).until(() -> as(Roles.AUDITOR).get("/api/v1/orders/" + order + "/entries").jsonPath()
                .getList("entries.kind", String.class).containsAll(List.of(kinds)));
    }

    private static void send(WireEvent event) {
        probe.send(EventTypes.topicOf(event).name(), Envelope.of(UUID.randomUUID().toString(), Provenance.sourceOf(event),
                event));
    }

    private boolean noRebuildRuns() {
        RebuildLock.Held held = rebuildLock.tryAcquire("test");
        if (held != null) {
            held.close();
        }
        return held != null;
    }

    private static RequestSpecification as(String role) {
        return given().auth().preemptive().basic(role, TestUsers.password(role));
    }
}
