package io.tollgate.regulator.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposalStatus;
import io.tollgate.regulator.command.Designation;
import io.tollgate.regulator.command.RuleChanges;
import io.tollgate.regulator.policy.InvalidPolicyException;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyValidator;
import io.tollgate.regulator.query.DesignationView;
import io.tollgate.regulator.query.ProposalView;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Four eyes on the rules: adopting a policy version, designating a customer (new entry or changed
 * cap) and revoking a designation are proposed by one compliance principal and take effect only
 * when a different one approves. A proposal answers 201 with its URL; the approver POSTs to
 * {@code <url>/approve}, another officer to {@code <url>/reject}, the proposer to {@code <url>/withdraw}.
 */
@Path("/api/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "proposals", description = "Four-eyes rule changes: propose, approve, reject, withdraw")
public class ProposalResource {

    static final int NAME_CHARS_MAX = 200;
    static final int REASON_CHARS_MAX = 2_000;

    /** Body of a designation proposal: the register entry. {@code unitCapPerQuarter} absent: no cap. */
    public record DesignationRequest(String name, String country, Long unitCapPerQuarter) {
    }

    /** Body of a rejection: why (required, so the proposer learns what to change). */
    public record RejectionRequest(String reason) {
    }

    private final RuleChanges changes;
    private final ReadModelQueries queries;
    private final SecurityIdentity caller;

    public ProposalResource(RuleChanges changes, ReadModelQueries queries, SecurityIdentity caller) {
        this.changes = changes;
        this.queries = queries;
        this.caller = caller;
    }

    @POST
    @Path("/policy")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "proposePolicy",
            summary = "Propose adopting a policy version (in force once another officer approves)",
            description = "The body is the whole policy version; it is validated now and adopted only when a "
                    + "different compliance officer approves the proposal.")
    @APIResponse(responseCode = "201", description = "Proposed; Location names the proposal",
            headers = @Header(name = "Location", description = "The proposal's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "409", description = "The version was adopted before")
    public Response proposePolicy(Policy body, @Context UriInfo uri) {
        Policy policy = Problems.body(body);
        try {
            PolicyValidator.validate(policy);
        } catch (InvalidPolicyException e) {
            throw ProblemException.badRequest(e.field(), e.getMessage());
        }
        if (queries.policy(policy.version()).isPresent()) {
            throw new ProblemException(409, "POLICY_VERSION_EXISTS", "version",
                    "Policy version " + policy.version() + " was already adopted");
        }
        return created(changes.propose(ProposalKind.ADOPT_POLICY, policy.version(), policy, null, principal()), uri);
    }

    @POST
    @Path("/designations/{customerId}")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "proposeDesignation",
            summary = "Propose putting a customer on the register or changing its entry",
            description = "The body is the customer's whole register entry (name, country, unit cap); it "
                    + "replaces the entry when a different compliance officer approves the proposal.")
    @APIResponse(responseCode = "201", description = "Proposed; Location names the proposal",
            headers = @Header(name = "Location", description = "The proposal's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProposalView.class)))
    public Response proposeDesignation(
            @PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId,
            DesignationRequest body, @Context UriInfo uri) {
        DesignationChange change = designationChange(Problems.body(body));
        return created(changes.propose(ProposalKind.DESIGNATE_CUSTOMER, customerId, null, change, principal()),
                uri);
    }

    @POST
    @Path("/revocations/{customerId}")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(operationId = "proposeRevocation", summary = "Propose taking a designated customer off the register",
            description = "Takes effect when a different compliance officer approves; later applications of "
                    + "the customer are refused (CUSTOMER_REVOKED).")
    @APIResponse(responseCode = "201", description = "Proposed; Location names the proposal",
            headers = @Header(name = "Location", description = "The proposal's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "404", description = "The customer is not on the register")
    @APIResponse(responseCode = "409", description = "The designation is already revoked")
    public Response proposeRevocation(
            @PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId,
            @Context UriInfo uri) {
        DesignationView entry = queries.designation(customerId)
                .orElseThrow(() -> ProblemException.notFound("designation of customer", customerId));
        if ("REVOKED".equals(entry.status())) {
            throw new ProblemException(409, "DESIGNATION_ALREADY_REVOKED", null,
                    "the designation of customer " + customerId + " is already revoked");
        }
        return created(changes.propose(ProposalKind.REVOKE_DESIGNATION, customerId, null, null, principal()),
                uri);
    }

    @POST
    @Path("/{proposalId}/approve")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(operationId = "approveProposal",
            summary = "Approve a proposal: its change takes effect now (not by its proposer)",
            description = "Four eyes: the approver must be a compliance officer other than the proposer.")
    @APIResponse(responseCode = "200", description = "The proposal, now APPROVED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "404", description = "No such proposal")
    @APIResponse(responseCode = "403", description = "FOUR_EYES_REQUIRED: the caller proposed it")
    @APIResponse(responseCode = "409", description = "Already decided, or the change no longer applies")
    public ProposalView approve(@PathParam("proposalId") @Pattern(regexp = Problems.ID_PATTERN) String proposalId) {
        find(proposalId);
        Problems.refusing(() -> {
            changes.approve(proposalId, principal());
            return null;
        });
        return find(proposalId);
    }

    @POST
    @Path("/{proposalId}/reject")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectProposal",
            summary = "Reject a proposal, saying why (not by its proposer, who withdraws)",
            description = "The reason is required, so the proposer learns what to change.")
    @APIResponse(responseCode = "200", description = "The proposal, now REJECTED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "404", description = "No such proposal")
    @APIResponse(responseCode = "403", description = "FOUR_EYES_REQUIRED: the caller proposed it")
    @APIResponse(responseCode = "409", description = "Already decided")
    public ProposalView reject(@PathParam("proposalId") @Pattern(regexp = Problems.ID_PATTERN) String proposalId,
                               RejectionRequest body) {
        String reason = Problems.text("reason", Problems.body(body).reason(), REASON_CHARS_MAX).trim();
        find(proposalId);
        Problems.refusing(() -> {
            changes.reject(proposalId, principal(), reason);
            return null;
        });
        return find(proposalId);
    }

    @POST
    @Path("/{proposalId}/withdraw")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(operationId = "withdrawProposal", summary = "Withdraw one's own proposal before it is decided",
            description = "Only the proposer may withdraw; a decided proposal cannot be withdrawn.")
    @APIResponse(responseCode = "200", description = "The proposal, now WITHDRAWN", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "404", description = "No such proposal")
    @APIResponse(responseCode = "403", description = "NOT_THE_PROPOSER")
    @APIResponse(responseCode = "409", description = "Already decided")
    public ProposalView withdraw(@PathParam("proposalId") @Pattern(regexp = Problems.ID_PATTERN) String proposalId) {
        find(proposalId);
        Problems.refusing(() -> {
            changes.withdraw(proposalId, principal());
            return null;
        });
        return find(proposalId);
    }

    @GET
    @Path("/{proposalId}")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getProposal", summary = "One proposal: the change, its proposer and who decided it",
            description = "The proposed change (policy version or register entry), its status, and who "
                    + "proposed and decided it. Carries a strong ETag.")
    @APIResponse(responseCode = "200", description = "The proposal", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)))
    @APIResponse(responseCode = "404", description = "No such proposal")
    public ProposalView get(@PathParam("proposalId") @Pattern(regexp = Problems.ID_PATTERN) String proposalId) {
        return find(proposalId);
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "listProposals",
            summary = "A page of proposals, oldest first, optionally of one status",
            description = "PROPOSED lists those awaiting a second officer; follow `nextCursor`.")
    public CursorPage<ProposalView> list(@QueryParam("status") String status,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        return queries.proposals(status(status), PageCursor.decode(cursor), limit);
    }

    private static DesignationChange designationChange(DesignationRequest request) {
        String name = Problems.text("name", request.name(), NAME_CHARS_MAX).trim();
        if (request.country() == null || !request.country().matches("[A-Z]{2}")) {
            throw ProblemException.badRequest("country", "country must be an ISO 3166-1 alpha-2 code such as CN");
        }
        Long cap = request.unitCapPerQuarter();
        if (cap != null && (cap < 1 || cap > Designation.UNIT_CAP_MAX)) {
            throw ProblemException.badRequest("unitCapPerQuarter",
                    "unitCapPerQuarter must be in [1, " + Designation.UNIT_CAP_MAX + "] or absent");
        }
        return new DesignationChange(name, request.country(), cap);
    }

    private Response created(String proposalId, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder().path("api/v1/proposals").path(proposalId).build())
                .entity(find(proposalId)).build();
    }

    private ProposalView find(String proposalId) {
        return queries.proposal(proposalId).orElseThrow(() -> ProblemException.notFound("proposal", proposalId));
    }

    private String principal() {
        return caller.getPrincipal().getName();
    }

    private static ProposalStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return ProposalStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be one of "
                    + Arrays.toString(ProposalStatus.values()));
        }
    }
}
