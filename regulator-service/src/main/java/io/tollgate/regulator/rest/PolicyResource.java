package io.tollgate.regulator.rest;

import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
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
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The policy in force and past versions. A new version is adopted through an approved proposal
 * ({@link ProposalResource}); each adoption is an event.
 */
@Path("/api/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy", description = "The authorization policy in force and its adopted versions")
public class PolicyResource {

    private final PolicyBootstrap policies;
    private final ReadModelQueries queries;
    public PolicyResource(PolicyBootstrap policies, ReadModelQueries queries) {
        this.policies = policies;
        this.queries = queries;
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getCurrentPolicy", summary = "The policy in force",
            description = "Product families and their licensing, the revenue-share rate and payee, the usage "
                    + "scenario rule and the review threshold of the version decisions use now.")
    @APIResponse(responseCode = "200", description = "The policy in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    public Policy current() {
        return policies.current();
    }

    /** Which version decides an order requested at {@code at} (docs/design.md, Policy versions). */
    @GET
    @Path("/in-force")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "policyInForceAt",
            summary = "The policy version in force at an instant: the one an order requested then is decided under",
            description = "Versions take effect at their effectiveFrom; an application is decided under the"
                    + " version in force when its order was requested, so this answers which version decided"
                    + " (or will decide) an order requested at `at`.")
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
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getPolicyVersion", summary = "One adopted policy version",
            description = "A version as adopted; decisions name the version that made them.")
    @APIResponse(responseCode = "200", description = "The policy version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Policy.class)))
    @APIResponse(responseCode = "404", description = "No such version was adopted")
    public Policy version(@PathParam("version") @Pattern(regexp = Problems.ID_PATTERN) String version) {
        return queries.policy(version).orElseThrow(() -> ProblemException.notFound("policy version", version));
    }

    /** Who adopted a version: its proposal, proposer and approver (four eyes). */
    @GET
    @Path("/versions/{version}/adoption")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getPolicyAdoption", summary = "Who adopted a policy version",
            description = "The proposal that adopted the version, its proposer and its approver (four eyes).")
    @APIResponse(responseCode = "200", description = "The adoption", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyAdoptionView.class)))
    @APIResponse(responseCode = "404", description = "No such version was adopted")
    public PolicyAdoptionView adoption(@PathParam("version") @Pattern(regexp = Problems.ID_PATTERN) String version) {
        return queries.policyAdoption(version).orElseThrow(() -> ProblemException.notFound("policy version", version));
    }
}
