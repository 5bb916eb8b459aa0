package io.tollgate.regulator.component;

import static io.tollgate.regulator.component.RuleChangeCalls.approve;
import static io.tollgate.regulator.component.RuleChangeCalls.as;
import static io.tollgate.regulator.component.RuleChangeCalls.proposed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.eventing.testkit.TollgateTestResource;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.testdata.Mother;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The role and four-eyes matrix of every rule-changing endpoint, against the running service (real
 * broker and database): a change proposed by one compliance officer takes effect only when another
 * approves; its proposer can neither approve nor reject it, only withdraw it; other roles can do none
 * of it; a decided proposal stays decided; and a body with an unknown field is refused naming it.
 */
@QuarkusTest
@QuarkusTestResource(TollgateTestResource.class)
class FourEyesTest {

    private static final String PROPOSER = Roles.COMPLIANCE;
    private static final String APPROVER = TestUsers.COMPLIANCE_2;
    private static final List<String> NOT_COMPLIANCE = List.of(Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY,
            Roles.AUDITOR, Roles.OPERATOR);

    /** One kind of rule change: where it is proposed, with what, and what is in force before/after. */
    record Change(String name, Supplier<Change.Proposal> prepare) {

        record Proposal(String path, String body, Supplier<String> inForce, String before, String after) {
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Change> changes() {
        return Stream.of(
                new Change("new designation", () -> {
                    String customer = "four-eyes-" + shortId();
                    return new Change.Proposal("designations/" + customer, entry(null),
                            () -> designationStatus(customer), "ABSENT", "DESIGNATED 0");
                }),
                new Change("cap change", () -> {
                    String customer = designated(100L);
                    return new Change.Proposal("designations/" + customer, entry(500L),
                            () -> designationStatus(customer), "DESIGNATED 100", "DESIGNATED 500");
                }),
                new Change("revocation", () -> {
                    String customer = designated(100L);
                    return new Change.Proposal("revocations/" + customer, null,
                            () -> designationStatus(customer), "DESIGNATED 100", "REVOKED 100");
                }),
                new Change("policy adoption", () -> {
                    Policy current = currentPolicy();
                    String version = "v-four-eyes-" + shortId();
                    Policy next = Mother.renamed(current, version);
                    return new Change.Proposal("policy", PolicyDocuments.write(next),
                            () -> currentPolicy().version(), current.version(), version);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void takesEffectOnlyWhenAnotherComplianceOfficerApproves(Change change) {
        // given
        Change.Proposal p = change.prepare().get();
        String proposal = proposed(PROPOSER, p.path(), p.body());
        as(Roles.AUDITOR).when().get(proposal).then().statusCode(200).body("status", equalTo("PROPOSED"))
                .body("proposedBy", equalTo(PROPOSER));

        // when: the proposer, then every other role, tries to decide it
        approve(PROPOSER, proposal).statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("FOUR_EYES_REQUIRED"));
        as(PROPOSER).contentType(ContentType.JSON).body("{\"reason\":\"mine\"}").when().post(proposal + "/reject")
                .then().statusCode(403).body("code", equalTo("FOUR_EYES_REQUIRED"));
        as(APPROVER).when().post(proposal + "/withdraw").then().statusCode(403)
                .body("code", equalTo("NOT_THE_PROPOSER"));
        for (String role : NOT_COMPLIANCE) {
            approve(role, proposal).statusCode(403).body("code", equalTo("FORBIDDEN"));
        }

        // then: nothing changed until the second officer approves
        assertThat(p.inForce().get()).isEqualTo(p.before());
        approve(APPROVER, proposal).statusCode(200).body("status", equalTo("APPROVED"))
                .body("proposedBy", equalTo(PROPOSER)).body("decidedBy", equalTo(APPROVER));
        assertThat(p.inForce().get()).isEqualTo(p.after());
        approve(TestUsers.TESTER, proposal).statusCode(409).body("code", equalTo("PROPOSAL_CLOSED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aRejectedOrWithdrawnProposalChangesNothing(Change change) {
        // given
        Change.Proposal p = change.prepare().get();
        String rejected = proposed(PROPOSER, p.path(), p.body());
        String withdrawn = proposed(APPROVER, p.path(), p.body());

        // when
        as(APPROVER).contentType(ContentType.JSON).body("{\"reason\":\"not justified\"}")
                .when().post(rejected + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"))
                .body("decidedBy", equalTo(APPROVER)).body("reason", equalTo("not justified"));
        as(APPROVER).when().post(withdrawn + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("decidedBy", equalTo(APPROVER));

        // then
        approve(APPROVER, rejected).statusCode(409).body("code", equalTo("PROPOSAL_CLOSED"));
        approve(PROPOSER, withdrawn).statusCode(409).body("code", equalTo("PROPOSAL_CLOSED"));
        assertThat(p.inForce().get()).isEqualTo(p.before());
    }

    @Test
    void everyRequestBodyRefusesAnUnknownFieldOrALooseTypeNamingTheField() {
        // given
        String customer = "strict-" + shortId();
        String policy = PolicyDocuments.write(currentPolicy()).replace("\"version\":\"",
                "\"version\":\"v-strict-" + shortId() + "-");
        String pending = proposed(PROPOSER, "designations/" + customer, entry(10L));

        // when / then
        String typo = policy.replace("\"minLength\"", "\"minLenght\":0,\"minLength\"");
        as(PROPOSER).contentType(ContentType.JSON).body(typo)
                .when().post("/api/v1/proposals/policy").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_FIELD"))
                .body("field", equalTo("necessity.categories[0].scenario.minLenght"));
        as(PROPOSER).contentType(ContentType.JSON)
                .body("{\"name\":\"X Lab\",\"country\":\"CN\",\"unitCapPerQuater\":5}")
                .when().post("/api/v1/proposals/designations/" + customer).then().statusCode(422)
                .body("code", equalTo("UNKNOWN_FIELD")).body("field", equalTo("unitCapPerQuater"));
        as(PROPOSER).contentType(ContentType.JSON)
                .body("{\"name\":\"X Lab\",\"country\":\"CN\",\"unitCapPerQuarter\":\"5\"}")
                .when().post("/api/v1/proposals/designations/" + customer).then().statusCode(400)
                .body("field", equalTo("unitCapPerQuarter"));
        as(APPROVER).contentType(ContentType.JSON).body("{\"reason\":\"no\",\"reasn\":\"typo\"}")
                .when().post(pending + "/reject").then().statusCode(422)
                .body("code", equalTo("UNKNOWN_FIELD")).body("field", equalTo("reasn"));
        as(APPROVER).contentType(ContentType.JSON).body("{\"reason\":7}")
                .when().post(pending + "/reject").then().statusCode(400).body("field", equalTo("reason"));
        as(APPROVER).contentType(ContentType.JSON).body("{}")
                .when().post(pending + "/reject").then().statusCode(400).body("field", equalTo("reason"));
        as(Roles.AUDITOR).when().get(pending).then().statusCode(200).body("status", equalTo("PROPOSED"));
        as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().statusCode(404);
    }

    @Test
    void aProposalOfAnAdoptedVersionOrAnUnknownRevocationIsRefusedAtOnce() {
        as(PROPOSER).contentType(ContentType.JSON).body(PolicyDocuments.write(currentPolicy()))
                .when().post("/api/v1/proposals/policy").then().statusCode(409)
                .body("code", equalTo("POLICY_VERSION_EXISTS")).body("field", equalTo("version"));
        as(PROPOSER).when().post("/api/v1/proposals/revocations/never-" + shortId()).then().statusCode(404);
        as(PROPOSER).when().post("/api/v1/proposals/" + UUID.randomUUID() + "/approve").then().statusCode(404);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String entry(Long cap) {
        return "{\"name\":\"Example AI Lab\",\"country\":\"CN\""
                + (cap == null ? "" : ",\"unitCapPerQuarter\":" + cap) + "}";
    }

    private static String designated(Long cap) {
        String customer = "four-eyes-" + shortId();
        RuleChangeCalls.designate(customer, entry(cap)).statusCode(200);
        return customer;
    }

    /** "ABSENT", or the entry's status and cap (0: none). */
    private static String designationStatus(String customer) {
        var response = as(Roles.AUDITOR).when().get("/api/v1/designations/" + customer).then().extract();
        if (response.statusCode() == 404) {
            return "ABSENT";
        }
        Number cap = response.path("unitCapPerQuarter");
        return response.path("status") + " " + (cap == null ? 0 : cap.longValue());
    }

    private static Policy currentPolicy() {
        return PolicyDocuments.read(as(Roles.AUDITOR).when().get("/api/v1/policy").then().statusCode(200)
                .extract().asString());
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
