package io.tollgate.regulator.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import io.tollgate.regulator.command.PolicyBootstrap;
import io.tollgate.regulator.policy.InvalidPolicyException;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyValidator;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The policy in force, past versions, and adopting a new version (each change is an event). */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private final PolicyBootstrap policies;
    private final ReadModelQueries queries;
    private final SecurityIdentity caller;

    public PolicyResource(PolicyBootstrap policies, ReadModelQueries queries, SecurityIdentity caller) {
        this.policies = policies;
        this.queries = queries;
        this.caller = caller;
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

    /**
     * Adopts a new version for decisions made from now on; decided applications keep theirs. The
     * caller's principal is recorded as {@code adoptedBy}.
     */
    @PUT
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    public Policy adopt(Policy body) {
        Policy policy = Problems.body(body);
        try {
            PolicyValidator.validate(policy);
        } catch (InvalidPolicyException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        String officer = caller.getPrincipal().getName();
        return Problems.refusing(() -> ConcurrencyRetry.run("policy", () -> QuarkusTransaction.requiringNew().call(() -> {
            policies.adopt(policy, officer);
            return policies.current();
        })));
    }
}
