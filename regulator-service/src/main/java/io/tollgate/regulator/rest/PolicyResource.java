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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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

    /** Which version decides an order requested at {@code at} (docs/design.md, Policy versions). */
    @GET
    @Path("/in-force")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "policyInForceAt",
            summary = "The policy version in force at an instant: the one an order requested then is decided under")
    @APIResponse(responseCode = "200", description = "The version in force at the instant",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "400", description = "at is missing or not an ISO-8601 instant (problem+json"
            + " naming the field)")
    public Policy inForceAt(@QueryParam("at") String at) {
        if (at == null || at.isBlank()) {
            throw ProblemException.badRequest("at", "is required: an ISO-8601 instant such as 2026-01-15T05:00:00Z");
        }
        try {
            return policies.inForceAt(Instant.parse(at));
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("at", "must be an ISO-8601 instant such as 2026-01-15T05:00:00Z");
        }
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
