package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tollgate.contracts.AuthorizationDeniedV1;
import io.tollgate.contracts.AuthorizationGrantedV1;
import io.tollgate.contracts.Envelope;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.OrderRequestedV1;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.Topics;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.testkit.EndpointRoleMatrix;
import io.tollgate.eventing.testkit.KafkaBroker;
import io.tollgate.eventing.testkit.KafkaProbe;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.testdata.Mother;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on the regulator's HTTP API: every endpoint admits exactly the roles
 * of the table, a refusal (401/403) stores nothing, and every change names its caller — the
 * officer who decides is the authenticated user, and so are designations and policy versions.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class RegulatorAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String H200 = "H200-SXM-141GB";
    /** Every table an API write can touch. */
    private static final List<String> STORED = List.of("domain_event_entry", "snapshot_event_entry",
            "regulator_application", "regulator_application_history", "regulator_designation",
            "regulator_designation_units", "regulator_policy", "regulator_proposal", "regulator_us_volume",
            "regulator_us_shipment_report", "regulator_us_volume_grant", "regulator_us_volume_wait");
    private static KafkaProbe kafka;

    @Inject
    Databases databases;

    @TestHTTPResource("/")
    URI base;

    @BeforeAll
    static void connect() {
        kafka = new KafkaProbe(KafkaBroker.shared().bootstrapServers());
    }

    /** Orders of H200 to China are held within 50% of its US shipments: report ample ones. */
    @BeforeEach
    void usShipmentsReported() {
        UsShipments.ample("H200");
    }

    @AfterAll
    static void disconnect() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyEndpointAdmitsExactlyTheRolesItDeclares() throws Exception {
        // given
        EndpointRoleMatrix matrix = EndpointRoleMatrix.forService(base)
                .allowDeadLetterOperations()
                .allowProblemCatalogue()
                .allow("POST /api/v1/proposals/policy", Roles.COMPLIANCE)
                .allow("POST /api/v1/proposals/designations/{customerId}", Roles.COMPLIANCE)
                .allow("POST /api/v1/proposals/revocations/{customerId}", Roles.COMPLIANCE)
                .allow("POST /api/v1/proposals/{proposalId}/approve", Roles.COMPLIANCE)
                .allow("POST /api/v1/proposals/{proposalId}/reject", Roles.COMPLIANCE)
                .allow("POST /api/v1/proposals/{proposalId}/withdraw", Roles.COMPLIANCE)
                .allow("GET /api/v1/proposals/{proposalId}", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/proposals", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/designations/{customerId}", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/designations", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/policy", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/policy/in-force", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/policy/versions/{version}", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/policy/versions/{version}/adoption", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("POST /api/v1/policy/what-if", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/applications", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/applications/{orderId}", Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("POST /api/v1/applications/{orderId}/usage-scenario", Roles.COMPLIANCE)
                .allow("POST /api/v1/applications/{orderId}/decision", Roles.COMPLIANCE)
                .allow("POST /api/v1/applications/{orderId}/documents", Roles.COMPLIANCE)
                .allow("POST /api/v1/us-volume/reports", Roles.ERP)
                .allow("GET /api/v1/us-volume/reports/{reportId}", Roles.ERP, Roles.COMPLIANCE, Roles.AUDITOR)
                .allow("GET /api/v1/us-volume", Roles.ERP, Roles.COMPLIANCE, Roles.AUDITOR);
        Map<String, Long> before = rowCounts();

        // when
        matrix.assertEveryEndpointDeclared();
        List<String> violations = matrix.violations();

        // then: the refusals stored nothing (the admitted calls sent an empty body or an absent id)
        assertThat(violations).isEmpty();
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void refusedWritesWithValidBodiesStoreNothing() throws Exception {
        // given: a customer on the register and an application waiting for an officer
        String customer = designateAs(Roles.COMPLIANCE);
        Envelope order = request(customer, 5000);
        kafka.send(Topics.ORDERS.name(), order);
        String orderId = order.subject();
        DocumentCalls.supplyBothWhenAsked(orderId);
        awaitStatus(orderId, "PENDING_REVIEW");
        Policy policy = currentPolicy();
        Policy next = renamed(policy, "v-refused-" + shortId());
        String newCustomer = "refused-" + shortId();
        String designation = "{\"name\":\"Refused Lab\",\"country\":\"CN\"}";
        String grant = "{\"decision\":\"GRANT\",\"reason\":\"looks fine\"}";
        String pending = RuleChangeCalls.proposed(Roles.COMPLIANCE, "designations/" + newCustomer, designation);
        Map<String, Long> before = rowCounts();

        // when: no credentials, wrong password, and every role that may not write
        given().contentType(ContentType.JSON).body(grant)
                .when().post("/api/v1/applications/" + orderId + "/decision")
                .then().statusCode(401).contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
        given().auth().preemptive().basic(Roles.COMPLIANCE, "not-the-password").contentType(ContentType.JSON)
                .body(grant).when().post("/api/v1/applications/" + orderId + "/decision")
                .then().statusCode(401).contentType("application/problem+json");
        for (String role : List.of(Roles.ERP, Roles.TREASURY, Roles.AUDITOR, Roles.OPERATOR)) {
            as(role).contentType(ContentType.JSON).body(grant)
                    .when().post("/api/v1/applications/" + orderId + "/decision")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("FORBIDDEN"));
            as(role).contentType(ContentType.JSON).body("{\"usageScenario\":\"" + Mother.GOOD_SCENARIO + "\"}")
                    .when().post("/api/v1/applications/" + orderId + "/usage-scenario")
                    .then().statusCode(403);
            as(role).contentType(ContentType.JSON).body(DocumentCalls.labTestReport())
                    .when().post("/api/v1/applications/" + orderId + "/documents").then().statusCode(403);
            as(role).contentType(ContentType.JSON).body(designation)
                    .when().post("/api/v1/proposals/designations/" + newCustomer).then().statusCode(403);
            as(role).when().post("/api/v1/proposals/revocations/" + customer).then().statusCode(403);
            as(role).contentType(ContentType.JSON).body(PolicyDocuments.write(next))
                    .when().post("/api/v1/proposals/policy").then().statusCode(403);
            as(role).when().post(pending + "/approve").then().statusCode(403);
            as(role).contentType(ContentType.JSON).body("{\"reason\":\"no\"}")
                    .when().post(pending + "/reject").then().statusCode(403);
            as(role).when().post(pending + "/withdraw").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(designation)
                .when().post("/api/v1/proposals/designations/" + newCustomer).then().statusCode(401);
        given().when().post("/api/v1/proposals/revocations/" + customer).then().statusCode(401);
        given().contentType(ContentType.JSON).body(PolicyDocuments.write(next))
                .when().post("/api/v1/proposals/policy").then().statusCode(401);
        given().when().post(pending + "/approve").then().statusCode(401);

        // then
        assertThat(rowCounts()).isEqualTo(before);
        as(Roles.AUDITOR).when().get("/api/v1/applications/" + orderId).then().statusCode(200)
                .body("status", equalTo("PENDING_REVIEW"));
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().statusCode(200)
                .body("status", equalTo("DESIGNATED"));
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + newCustomer).then().statusCode(404);
        as(Roles.AUDITOR).when().get(pending).then().statusCode(200).body("status", equalTo("PROPOSED"));
        assertThat(currentPolicy()).isEqualTo(policy);
        assertThat(decisions(orderId)).isEmpty();
    }

    @Test
    void anOfficerDecisionMadeAsComplianceIsPublishedWithThatPrincipal() {
        // given
        String customer = designateAs(Roles.COMPLIANCE);
        Envelope toGrant = request(customer, 5000);
        Envelope toDeny = request(customer, 4000);
        kafka.send(Topics.ORDERS.name(), toGrant);
        kafka.send(Topics.ORDERS.name(), toDeny);
        DocumentCalls.supplyBothWhenAsked(toGrant.subject());
        DocumentCalls.supplyBothWhenAsked(toDeny.subject());
        awaitStatus(toGrant.subject(), "PENDING_REVIEW");
        awaitStatus(toDeny.subject(), "PENDING_REVIEW");

        // when
        decideAs(Roles.COMPLIANCE, toGrant.subject(), "GRANT").body("decidedBy", equalTo(Roles.COMPLIANCE));
        decideAs(Roles.COMPLIANCE, toDeny.subject(), "DENY").body("decidedBy", equalTo(Roles.COMPLIANCE));

        // then
        AuthorizationGrantedV1 grant = (AuthorizationGrantedV1) awaitDecision(toGrant.subject()).event();
        assertThat(grant.decidedBy()).isEqualTo(Roles.COMPLIANCE);
        AuthorizationDeniedV1 denial = (AuthorizationDeniedV1) awaitDecision(toDeny.subject()).event();
        assertThat(denial.decidedBy()).isEqualTo(Roles.COMPLIANCE);
        List<String> actors = as(Roles.AUDITOR).when().get("/api/v1/applications/" + toGrant.subject())
                .then().statusCode(200).extract().jsonPath().getList("history.actor");
        assertThat(actors).last().isEqualTo(Roles.COMPLIANCE);
    }

    @Test
    void designationAndPolicyChangesRecordTheirProposerAndApprover() throws Exception {
        // given
        String customer = designateAs(Roles.COMPLIANCE);
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().statusCode(200)
                .body("designatedBy", equalTo(TestUsers.COMPLIANCE_2)).body("proposedBy", equalTo(Roles.COMPLIANCE))
                .body("approvedBy", equalTo(TestUsers.COMPLIANCE_2));

        // when: the officers swap roles to revoke it, then re-designate it
        RuleChangeCalls.revoke(TestUsers.COMPLIANCE_2, Roles.COMPLIANCE, customer).statusCode(200);
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revokedBy", equalTo(Roles.COMPLIANCE))
                .body("proposedBy", equalTo(TestUsers.COMPLIANCE_2)).body("approvedBy", equalTo(Roles.COMPLIANCE))
                .body("designatedBy", equalTo(TestUsers.COMPLIANCE_2));
        RuleChangeCalls.designate(Roles.COMPLIANCE, TestUsers.COMPLIANCE_2, customer,
                "{\"name\":\"Example AI Lab\",\"country\":\"CN\"}").statusCode(200);
        String version = "v-adopted-by-" + shortId();
        RuleChangeCalls.adopt(Roles.COMPLIANCE, TestUsers.COMPLIANCE_2, renamed(currentPolicy(), version))
                .statusCode(200).body("subject", equalTo(version)).body("proposedBy", equalTo(Roles.COMPLIANCE))
                .body("decidedBy", equalTo(TestUsers.COMPLIANCE_2));

        // then
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().statusCode(200)
                .body("status", equalTo("DESIGNATED")).body("revokedBy", equalTo(null))
                .body("updatedBy", equalTo(TestUsers.COMPLIANCE_2));
        assertThat(adoption(version)).containsExactly(TestUsers.COMPLIANCE_2, Roles.COMPLIANCE,
                TestUsers.COMPLIANCE_2);
        as(Roles.AUDITOR).when().get("/api/v1/policy/versions/" + version + "/adoption").then().statusCode(200)
                .body("adoptedBy", equalTo(TestUsers.COMPLIANCE_2)).body("proposedBy", equalTo(Roles.COMPLIANCE))
                .body("approvedBy", equalTo(TestUsers.COMPLIANCE_2))
                .body("proposalId", org.hamcrest.Matchers.notNullValue());
    }

    // --- helpers -------------------------------------------------------------------------------

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    private static RequestSpecification asTester() {
        return as(TestUsers.TESTER);
    }

    /** Proposed by {@code user}, approved by the other compliance officer. */
    private static String designateAs(String user) {
        String customer = "access-" + shortId();
        String approver = user.equals(Roles.COMPLIANCE) ? TestUsers.COMPLIANCE_2 : Roles.COMPLIANCE;
        RuleChangeCalls.designate(user, approver, customer, "{\"name\":\"Example AI Lab\",\"country\":\"CN\"}")
                .statusCode(200).body("status", equalTo("APPROVED")).body("proposedBy", equalTo(user))
                .body("decidedBy", equalTo(approver));
        return customer;
    }

    private static io.restassured.response.ValidatableResponse decideAs(String user, String orderId,
                                                                        String decision) {
        return as(user).contentType(ContentType.JSON)
                .body("{\"decision\":\"" + decision + "\",\"reason\":\"checked by the access test\"}")
                .when().post("/api/v1/applications/" + orderId + "/decision").then().statusCode(200);
    }

    /** An order large enough to need an officer (the shipped policy reviews from 1000 units). */
    private static Envelope request(String customer, long quantity) {
        String orderId = "order-" + UUID.randomUUID();
        Money unit = new Money("31500.00", "USD");
        OrderRequestedV1 order = new OrderRequestedV1(orderId, customer, "Example AI Lab", H200, "family", quantity,
                unit, unit.times(quantity), Mother.GOOD_SCENARIO, "PO-" + shortId(), Instant.now(), "erp");
        return Envelope.of(UUID.randomUUID().toString(), "/tollgate/order-service", order);
    }

    private static Policy currentPolicy() {
        return PolicyDocuments.read(as(Roles.AUDITOR).when().get("/api/v1/policy").then().statusCode(200)
                .extract().asString());
    }

    private static Policy renamed(Policy policy, String version) {
        return Mother.renamed(policy, version);
    }

    private static void awaitStatus(String orderId, String status) {
        await().atMost(WAIT).until(() -> status.equals(as(Roles.AUDITOR)
                .when().get("/api/v1/applications/" + orderId).then().extract().path("status")));
    }

    private static Envelope awaitDecision(String orderId) {
        return await().atMost(WAIT).until(() -> decisions(orderId), list -> !list.isEmpty()).get(0);
    }

    /** The grants and denials published for the order (not the waits before them). */
    private static List<Envelope> decisions(String orderId) {
        return kafka.readEnvelopes(Topics.AUTHORIZATIONS.name(), Duration.ofSeconds(10)).stream()
                .filter(e -> e.subject().equals(orderId))
                .filter(e -> !(e.event() instanceof io.tollgate.contracts.AuthorizationPendingV1))
                .collect(Collectors.toList());
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

    /** adopted_by, proposed_by, approved_by of a stored policy version. */
    private List<String> adoption(String version) throws SQLException {
        try (var connection = databases.dataSource().getConnection();
             var statement = connection.prepareStatement(
                     "SELECT adopted_by, proposed_by, approved_by FROM regulator_policy WHERE version = ?")) {
            statement.setString(1, version);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("policy version %s stored", version).isTrue();
                return List.of(rows.getString(1), rows.getString(2), rows.getString(3));
            }
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
