package io.tollgate.regulator.component;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tollgate.eventing.testkit.TestUsers;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;

/**
 * Rule changes the way an operator makes them: one user proposes (201 with the proposal's URL),
 * another approves at {@code <url>/approve}. For tests whose subject is the change, not four eyes.
 */
final class RuleChangeCalls {

    private RuleChangeCalls() {
    }

    static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, TestUsers.password(user));
    }

    /** Proposes as {@code proposer} ({@code body} null: none sent); answers the raw response. */
    static ValidatableResponse propose(String proposer, String path, String body) {
        RequestSpecification request = as(proposer);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post("/api/v1/proposals/" + path).then();
    }

    /** The proposal's URL path, from a 201 answer. */
    static String proposed(String proposer, String path, String body) {
        return pathOf(propose(proposer, path, body).statusCode(201).extract().header("Location"));
    }

    /**
     * Proposes as {@code proposer} and, if that was accepted (201), approves as {@code approver}:
     * the approval's answer, else the proposal's refusal.
     */
    static ValidatableResponse tryChange(String proposer, String approver, String path, String body) {
        Response proposal = propose(proposer, path, body).extract().response();
        if (proposal.statusCode() != 201) {
            return proposal.then();
        }
        return approve(approver, pathOf(proposal.header("Location")));
    }

    static String pathOf(String location) {
        return location.substring(location.indexOf("/api/v1/proposals/"));
    }

    static ValidatableResponse approve(String approver, String proposalPath) {
        return as(approver).when().post(proposalPath + "/approve").then();
    }

    /** Proposed by {@code proposer}, approved by {@code approver}: the approval's answer. */
    static ValidatableResponse change(String proposer, String approver, String path, String body) {
        return approve(approver, proposed(proposer, path, body));
    }

    static ValidatableResponse designate(String proposer, String approver, String customer, String body) {
        return change(proposer, approver, "designations/" + customer, body);
    }

    static ValidatableResponse revoke(String proposer, String approver, String customer) {
        return change(proposer, approver, "revocations/" + customer, null);
    }

    static ValidatableResponse adopt(String proposer, String approver, Policy policy) {
        return change(proposer, approver, "policy", PolicyDocuments.write(policy));
    }

    /** The usual pair for behaviour tests: the tester proposes, the second tester approves. */
    static ValidatableResponse designate(String customer, String body) {
        return designate(TestUsers.TESTER, TestUsers.TESTER_2, customer, body);
    }

    static ValidatableResponse revoke(String customer) {
        return revoke(TestUsers.TESTER, TestUsers.TESTER_2, customer);
    }

    /** Proposes and approves {@code policy}; a refused proposal's answer if it was refused. */
    static ValidatableResponse adopt(Policy policy) {
        return tryChange(TestUsers.TESTER, TestUsers.TESTER_2, "policy", PolicyDocuments.write(policy));
    }
}
