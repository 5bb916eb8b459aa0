package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import io.tollgate.regulator.command.PolicyBootstrap;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.query.PolicyAdoptionView;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The policy in force and past versions. A new version is adopted through an approved proposal
 * ({@link ProposalResource}); each adoption is an event.
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyBootstrap policies;
    private final ReadModelQueries queries;
    public PolicyResource(PolicyBootstrap policies, ReadModelQueries queries) {
        this.policies = policies;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    public Policy current() {
        return policies.current();
    }

    @GET
    @Path("/versions/{version}")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    public Policy version(@PathParam("version") @Pattern(regexp = Problems.ID_PATTERN) String version) {
        return queries.policy(version).orElseThrow(() -> ProblemException.notFound("policy version", version));
    }

    /** Who adopted a version: its proposal, proposer and approver (four eyes). */
    @GET
    @Path("/versions/{version}/adoption")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    public PolicyAdoptionView adoption(@PathParam("version") @Pattern(regexp = Problems.ID_PATTERN) String version) {
        return queries.policyAdoption(version).orElseThrow(() -> ProblemException.notFound("policy version", version));
    }
}
