package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationPendingV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Provenance;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.contracts.UsageScenarioSuppliedV1;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.json.StrictRequestJson;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.policy.NecessityRule;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.testdata.Mother;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The what-if over a recorded history (designations, grants, denials, waits, a revoked customer,
 * officers' decisions, a scenario refused without being kept): the version that decided it changes
 * nothing; drafts that prohibit a class, lower the review threshold or drop the exemption change
 * exactly the decisions they should, for the reasons they should; a bad draft is a 422 naming the
 * field; and no run stores or publishes anything.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
@TestProfile(PolicyWhatIfTest.OwnApplication.class)
class PolicyWhatIfTest {

    /**
     * A profile of its own: the versions this test adopts (in force from now, without documents or
     * a US-volume cap) decide no other test's orders.
     */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WHAT_IF = "/api/v1/policy/what-if";
    private static final String H200 = "H200-SXM-141GB";
    /** Every table a write of the regulator can touch. */
    private static final List<String> STORED = List.of("domain_event_entry", "snapshot_event_entry",
            "regulator_application", "regulator_application_history", "regulator_designation",
            "regulator_designation_units", "regulator_policy", "regulator_proposal");
    private static KafkaProbe kafka;

    @Inject
    Databases databases;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void draftsChangeExactlyTheDecisionsTheyShouldAndNoRunStoresOrPublishesAnything() throws Exception {
        // given: a version of our own in force from now, and a history decided under it
        String id = shortId();
        // (without the documents and the US-volume cap, whose waits have tests of their own: this history
        // is about the product, register, scenario and threshold rules a draft changes)
        Policy base = Mother.policy2026As("whatif-base-" + id, Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .withDocuments(null).withUsVolumeCap(null);
        RuleChangeCalls.adopt(base).statusCode(200);
        Instant from = Instant.now();
        History h = recordHistory();
        Instant to = Instant.now().plusSeconds(1);
        awaitPublished(h);
        Map<String, Long> storedBefore = rowCounts();
        int publishedBefore = authorizations();

        // when: the version that decided them, run by an auditor
        JsonPath same = run(Roles.AUDITOR, base, from, to).statusCode(200).extract().jsonPath();

        // then: nothing changes; officers' decisions and the scenario not kept are counted apart
        assertThat(same.getMap("totals")).containsEntry("applications", 8).containsEntry("decisions", 12)
                .containsEntry("evaluated", 9).containsEntry("unchanged", 9).containsEntry("changed", 0);
        assertThat(same.getMap("totals.notComparable")).containsEntry("officerDecisions", 2)
                .containsEntry("scenarioNotRecorded", 1);
        assertThat(same.getList("changes")).isEmpty();
        assertThat(same.getList("officerDecisions.orderId")).containsExactly(h.review, h.exemption);
        assertThat(same.getString("nextCursor")).isNull();

        // when: a draft that prohibits the H200 class
        Policy prohibiting = Mother.prohibitingCaseByCase(base, "whatif-prohibit-" + id);
        String refused = "whatif-prohibit-" + id + "-refused";
        JsonPath prohibited = run(Roles.COMPLIANCE, prohibiting, from, to).statusCode(200).extract().jsonPath();

        // then: every H200 decision is denied under the new clause; the revoked customer's earlier
        // grant is refused for the product alone (it was designated then), its later denial and the
        // undesignated customer's gain the product reason (GROUNDS); the B200 denial stands
        assertThat(prohibited.getMap("totals")).containsEntry("evaluated", 9).containsEntry("unchanged", 1)
                .containsEntry("changed", 8);
        assertThat(changes(prohibited)).containsExactlyInAnyOrder(
                h.granted + " GRANT->DENY OUTCOME",
                h.review + " NEEDS_REVIEW->DENY OUTCOME",
                h.exemption + " NEEDS_USAGE_SCENARIO->DENY OUTCOME",
                h.exemption + " NEEDS_REVIEW->DENY OUTCOME",
                h.missing + " NEEDS_USAGE_SCENARIO->DENY OUTCOME",
                h.beforeRevocation + " GRANT->DENY OUTCOME",
                h.notDesignated + " DENY->DENY GROUNDS",
                h.afterRevocation + " DENY->DENY GROUNDS");
        assertThat(change(prohibited, h.beforeRevocation).get("draft"))
                .containsEntry("clause", refused).containsEntry("reasonCodes", List.of("PRODUCT_PROHIBITED"));
        assertThat(change(prohibited, h.afterRevocation).get("recorded"))
                .containsEntry("policyVersion", base.version()).containsEntry("clause", "designated-register")
                .containsEntry("reasonCodes", List.of("CUSTOMER_REVOKED")).containsEntry("decidedBy", "policy");
        assertThat(change(prohibited, h.afterRevocation).get("draft"))
                .containsEntry("reasonCodes", List.of("PRODUCT_PROHIBITED", "CUSTOMER_REVOKED"));
        assertThat(prohibited.getString("officerDecisions[0].recorded.decidedBy")).isEqualTo(TestUsers.TESTER);
        assertThat(prohibited.getString("officerDecisions[0].draftOfficerGrant.outcome")).isEqualTo("DENY");
        assertThat(prohibited.getList("officerDecisions[0].draftOfficerGrant.reasonCodes"))
                .containsExactly("PRODUCT_PROHIBITED");
        assertThat(prohibited.getString("officerDecisions[1].draftOfficerGrant")).isNull();

        // when: a draft with a review threshold of 100 units
        JsonPath threshold = run(Roles.COMPLIANCE, withThreshold(base, "whatif-threshold-" + id, 100), from, to)
                .statusCode(200).extract().jsonPath();

        // then: only the 500-unit grant would have gone to an officer
        assertThat(changes(threshold)).containsExactly(h.granted + " GRANT->NEEDS_REVIEW OUTCOME");
        assertThat(change(threshold, h.granted).get("draft")).containsEntry("clause", "review-threshold")
                .containsEntry("reasonCodes", List.of("QUANTITY_ABOVE_REVIEW_THRESHOLD"));
        assertThat(threshold.getString("changes[0].draft.reasonTexts[0]")).contains("review threshold of 100");

        // when: a draft without the university exemption
        JsonPath noExemption = run(Roles.COMPLIANCE, withoutExemption(base, "whatif-no-exemption-" + id), from, to)
                .statusCode(200).extract().jsonPath();

        // then: the buyer's claim would have been asked for a category the draft has
        assertThat(changes(noExemption)).containsExactly(h.exemption + " NEEDS_REVIEW->NEEDS_USAGE_SCENARIO OUTCOME");
        assertThat(noExemption.getList("changes[0].draft.reasonCodes")).containsExactly("USAGE_SCENARIO_UNACCEPTABLE");
        assertThat(noExemption.getString("changes[0].draft.reasonTexts[0]")).contains("UNIVERSITY_RESEARCH");

        // and then: no run stored anything, and nothing was published for it: a marker order
        // decided after the runs is the one record the outbox relay has added since
        assertThat(rowCounts()).isEqualTo(storedBefore);
        Envelope marker = request(h.customer, H200, 1, Mother.GOOD_SCENARIO);
        kafka.send(Topics.ORDERS.name(), marker);
        await().atMost(WAIT).until(() -> published(marker.subject()) == 1);
        assertThat(authorizations()).isEqualTo(publishedBefore + 1);
    }

    @Test
    void aBadDraftIsA422NamingTheFieldAndBadParametersA400() {
        // given
        Policy good = Mother.policy2026As("whatif-bad-" + shortId(), Instant.parse("2026-01-15T05:00:00Z"));
        ObjectNode twoRules = tree(good);
        ((ArrayNode) twoRules.get("productRules")).remove(0);
        ObjectNode exemptDefault = tree(good);
        ((ObjectNode) exemptDefault.get("necessity")).put("defaultCategory", "UNIVERSITY_RESEARCH");
        ObjectNode badVersion = tree(good).put("version", "no spaces allowed");
        ObjectNode typo = tree(good).put("reviewThreshold", 10);

        // when / then
        refused(twoRules.toString(), "INVALID_FIELD", "productRules");
        refused(exemptDefault.toString(), "INVALID_FIELD", "necessity.defaultCategory");
        refused(badVersion.toString(), "INVALID_FIELD", "version");
        refused(typo.toString(), "UNKNOWN_FIELD", "reviewThreshold");
        refused("", "INVALID_FIELD", "body");
        String body = PolicyDocuments.write(good);
        badParameter(body, "requestedFrom=yesterday", "INVALID_FIELD", "requestedFrom");
        badParameter(body, "requestedFrom=2026-02-01T00:00:00Z&requestedTo=2026-01-01T00:00:00Z", "INVALID_FIELD",
                "requestedTo");
        badParameter(body, "limit=5001", "LIMIT_EXCEEDED", "limit");
        badParameter(body, "limit=0", "INVALID_FIELD", "limit");
        badParameter(body, "cursor=not-a-cursor", "INVALID_FIELD", "cursor");
    }

    // --- the recorded history ------------------------------------------------------------------

    /** The orders of the history, by what happened to them. */
    private record History(String customer, String granted, String prohibited, String review, String exemption,
                           String missing, String beforeRevocation, String afterRevocation, String notDesignated) {
    }

    private static History recordHistory() {
        String customer = designate();
        String revoked = designate();
        Envelope granted = send(request(customer, H200, 500, Mother.GOOD_SCENARIO));
        Envelope prohibited = send(request(customer, "B200", 10, Mother.GOOD_SCENARIO));
        Envelope review = send(request(customer, H200, 1500, Mother.GOOD_SCENARIO));
        Envelope exemption = send(request(customer, H200, 10, Mother.THIN_SCENARIO));
        Envelope missing = send(request(customer, H200, 10, null));
        Envelope beforeRevocation = send(request(revoked, H200, 10, Mother.GOOD_SCENARIO));
        Envelope notDesignated = send(request("never-" + shortId(), H200, 10, Mother.GOOD_SCENARIO));
        awaitStatus(granted, "GRANTED");
        awaitStatus(prohibited, "DENIED");
        awaitStatus(review, "PENDING_REVIEW");
        awaitStatus(exemption, "USAGE_SCENARIO_REQUESTED");
        awaitStatus(missing, "USAGE_SCENARIO_REQUESTED");
        awaitStatus(beforeRevocation, "GRANTED");
        awaitStatus(notDesignated, "DENIED");
        RuleChangeCalls.revoke(revoked).statusCode(200);
        Envelope afterRevocation = send(request(revoked, H200, 10, Mother.GOOD_SCENARIO));
        awaitStatus(afterRevocation, "DENIED");
        decide(review.subject(), "GRANT");
        asTester().contentType(ContentType.JSON).body("{\"usageScenario\":\"Tsinghua University physics\","
                        + "\"necessityCategory\":\"UNIVERSITY_RESEARCH\"}")
                .when().post("/api/v1/applications/" + exemption.subject() + "/usage-scenario")
                .then().statusCode(200).body("status", equalTo("PENDING_REVIEW"));
        decide(exemption.subject(), "DENY");
        kafka.send(Topics.ORDERS.name(), Envelope.of(UUID.randomUUID().toString(), Provenance.ORDER_SERVICE,
                new UsageScenarioSuppliedV1(missing.subject(), Mother.THIN_SCENARIO, "erp", Instant.now())));
        await().atMost(WAIT).until(() -> application(missing.subject()).getList("history.event").stream()
                .filter("USAGE_SCENARIO_REQUESTED"::equals).count() == 2);
        return new History(customer, granted.subject(), prohibited.subject(), review.subject(), exemption.subject(),
                missing.subject(), beforeRevocation.subject(), afterRevocation.subject(), notDesignated.subject());
    }

    /** Waits until the outbox relay has published the history's last decisions and waits. */
    private static void awaitPublished(History h) {
        await().atMost(WAIT).until(() -> published(h.exemption) == 3 && published(h.missing) == 2
                && published(h.afterRevocation) == 1 && published(h.review) == 2);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static ValidatableResponse run(String user, Policy draft, Instant from, Instant to) {
        return as(user).contentType(ContentType.JSON).body(PolicyDocuments.write(draft))
                .queryParam("requestedFrom", from.toString()).queryParam("requestedTo", to.toString())
                .when().post(WHAT_IF).then();
    }

    /** "orderId RECORDED->DRAFT KIND" of every change, in the order the decisions were recorded. */
    private static List<String> changes(JsonPath answer) {
        List<Map<String, Object>> changes = answer.getList("changes");
        return changes.stream().map(c -> c.get("orderId") + " " + ((Map<?, ?>) c.get("recorded")).get("outcome")
                + "->" + ((Map<?, ?>) c.get("draft")).get("outcome") + " " + c.get("change")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> change(JsonPath answer, String orderId) {
        List<Map<String, Object>> changes = answer.getList("changes");
        Map<String, Object> found = changes.stream().filter(c -> orderId.equals(c.get("orderId"))).findFirst()
                .orElseThrow();
        return Map.of("recorded", (Map<String, Object>) found.get("recorded"),
                "draft", (Map<String, Object>) found.get("draft"));
    }

    private static void refused(String body, String code, String field) {
        asTester().contentType(ContentType.JSON).body(body).when().post(WHAT_IF).then().statusCode(422)
                .contentType("application/problem+json").body("code", equalTo(code)).body("field", equalTo(field));
    }

    private static void badParameter(String body, String query, String code, String field) {
        asTester().contentType(ContentType.JSON).body(body).when().post(WHAT_IF + "?" + query).then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo(code))
                .body("field", equalTo(field));
    }

    private static ObjectNode tree(Policy policy) {
        try {
            return (ObjectNode) StrictRequestJson.mapper().readTree(PolicyDocuments.write(policy));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Policy withThreshold(Policy p, String version, long threshold) {
        return new Policy(version, p.effectiveFrom(), p.productRules(), p.revenueShareRate(), p.payee(),
                p.necessity(), threshold, p.source(), p.destinations());
    }

    private static Policy withoutExemption(Policy p, String version) {
        NecessityRule necessity = new NecessityRule(p.necessity().defaultCategory(), p.necessity().categories()
                .stream().filter(c -> !c.exempt()).toList());
        return new Policy(version, p.effectiveFrom(), p.productRules(), p.revenueShareRate(), p.payee(),
                necessity, p.reviewThresholdQuantity(), p.source(), p.destinations());
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    private static RequestSpecification asTester() {
        return as(TestUsers.TESTER);
    }

    private static String designate() {
        String customer = "whatif-" + shortId();
        RuleChangeCalls.designate(customer, "{\"name\":\"Example AI Lab\",\"country\":\"CN\"}").statusCode(200);
        return customer;
    }

    private static void decide(String orderId, String decision) {
        asTester().contentType(ContentType.JSON)
                .body("{\"decision\":\"" + decision + "\",\"reason\":\"checked for the what-if test\"}")
                .when().post("/api/v1/applications/" + orderId + "/decision").then().statusCode(200);
    }

    private static Envelope send(Envelope request) {
        kafka.send(Topics.ORDERS.name(), request);
        return request;
    }

    private static Envelope request(String customer, String sku, long quantity, String scenario) {
        String orderId = "order-" + UUID.randomUUID();
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV1 order = new OrderRequestedV1(orderId, customer, "Example AI Lab", sku, "family", quantity,
                unit, unit.times(quantity), scenario, "PO-" + shortId(), Instant.now(), "erp");
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static void awaitStatus(Envelope request, String status) {
        await().atMost(WAIT).until(() -> status.equals(application(request.subject()).getString("status")));
    }

    private static JsonPath application(String orderId) {
        return asTester().when().get("/api/v1/applications/" + orderId).then().extract().jsonPath();
    }

    /** Records published on the authorizations topic for the order (decisions and waits). */
    private static long published(String orderId) {
        return kafka.readEnvelopes(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.subject().equals(orderId)).count();
    }

    private static int authorizations() {
        return kafka.readAll(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).size();
    }

    private Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (var connection = databases.dataSource().getConnection();
             var statement = connection.createStatement()) {
            for (String table : STORED) {
                // The names are constants of this test: safe to put into the statement.
                try (var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    counts.put(table, rows.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
