package io.tollgate.regulator.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.ETags;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.regulator.api.ApplicationStatus;
import io.tollgate.regulator.api.OfficerDecision;
import io.tollgate.regulator.command.ApplicationWorkflow;
import io.tollgate.regulator.query.ApplicationView;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Applications: the review queues, one application in full, the buyer's scenario, officer decisions. */
@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "applications", description = "Authorization applications: review queues, usage scenarios, officer decisions")
public class ApplicationResource {

    static final int SCENARIO_MAX = 10_000;
    static final int REASON_MAX = 2_000;

    /**
     * Body of POST /usage-scenario; {@code necessityCategory} (optional) declares the buyer's
     * category of necessity under the policy version in force, e.g. {@code UNIVERSITY_RESEARCH}.
     */
    public record UsageScenarioRequest(String usageScenario, String necessityCategory) {
    }

    /**
     * Body of POST /documents.
     *
     * @param kind      BUYER_KYC_ATTESTATION or LAB_TEST_REPORT
     * @param issuer    who issued it (the consignee, its auditor, the testing lab), 1 to 200 characters
     * @param issuedOn  the day it was issued (ISO-8601 date), not after today
     * @param expiresOn the last day it is valid, not before issuedOn nor today, at most
     *                  {@value io.tollgate.contracts.SuppliedDocument#VALIDITY_DAYS_MAX} days after issuedOn
     * @param reference the issuer's number or reference, 1 to 100 characters
     * @param sha256    the SHA-256 of the document's bytes, 64 hex digits
     */
    public record DocumentRequest(String kind, String issuer, LocalDate issuedOn, LocalDate expiresOn,
                                  String reference, String sha256) {
    }

    /** A category name: letters, digits and underscores, at most 60 characters. */
    private static final java.util.regex.Pattern CATEGORY =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,59}");

    /** Body of POST /decision. */
    public record DecisionRequest(String decision, String reason) {
    }

    private final ReadModelQueries queries;
    private final ApplicationWorkflow workflow;
    private final SecurityIdentity caller;
    private final ETags etags;
    private final Clock clock = Clock.system(ZoneOffset.UTC);

    public ApplicationResource(ReadModelQueries queries, ApplicationWorkflow workflow, SecurityIdentity caller,
                               ETags etags) {
        this.etags = etags;
        this.queries = queries;
        this.workflow = workflow;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "listApplications", summary = "A page of applications, oldest first",
            description = "Optionally of one status: PENDING_REVIEW is the officers' queue, "
                    + "USAGE_SCENARIO_REQUESTED and AWAITING_DOCUMENTS those waiting for the buyer's scenario "
                    + "or documents. Follow `nextCursor`.")
    public CursorPage<ApplicationView> list(@QueryParam("status") String status,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        return queries.applications(status(status), PageCursor.decode(cursor), limit);
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getApplication", summary = "One application with its history",
            description = "Both tracks' outcomes, the reasons, the policy version and the decision history of "
                    + "the order's application. Carries a strong ETag (send it as If-Match when deciding).")
    @APIResponse(responseCode = "200", description = "The application", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No application for this order")
    public ApplicationView get(@PathParam("orderId") @Pattern(regexp = Problems.ID_PATTERN) String orderId) {
        return find(orderId);
    }

    @POST
    @Path("/{orderId}/usage-scenario")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Operation(operationId = "supplyUsageScenario", summary = "Supply the usage scenario an application waits for",
            description = "Only while the application is USAGE_SCENARIO_REQUESTED; the CN import track is then "
                    + "decided again. With If-Match, the application must still be as the caller read it.")
    @APIResponse(responseCode = "200", description = "The application after the scenario", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No application for this order")
    @APIResponse(responseCode = "409", description = "APPLICATION_NOT_AWAITING_SCENARIO, or CONCURRENT_UPDATE "
            + "(retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "USAGE_SCENARIO_MISSING or USAGE_SCENARIO_UNACCEPTABLE")
    public ApplicationView supplyUsageScenario(@PathParam("orderId") @Pattern(regexp = Problems.ID_PATTERN) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch, UsageScenarioRequest body) {
        String scenario = Problems.text("usageScenario", Problems.body(body).usageScenario(), SCENARIO_MAX);
        String category = body.necessityCategory();
        if (category != null && !CATEGORY.matcher(category).matches()) {
            throw ProblemException.badRequest("necessityCategory",
                    "must be a category name: a letter, then letters, digits or _, at most 60 characters");
        }
        ApplicationView app = find(orderId);
        etags.requireMatch(ifMatch, app);
        Problems.refusing(() -> ConcurrencyRetry.run("application for order " + orderId,
                () -> workflow.supplyUsageScenario(app, scenario, category)));
        return find(orderId);
    }

    @POST
    @Path("/{orderId}/documents")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Operation(operationId = "supplyDocument", summary = "Record a document the policy requires of an application",
            description = "Kind, issuer, issue and expiry days (UTC), the issuer's reference and the SHA-256 of "
                    + "the document (its bytes are not stored). Accepted while the application is open; the same "
                    + "document again changes nothing. An application AWAITING_DOCUMENTS is evaluated again at "
                    + "once, under the policy version in force for it: a document counts while the decision's UTC "
                    + "day is within its issue and expiry days and its version's maximum age "
                    + "(docs/policy-documents.md). With If-Match, the application must still be as the caller "
                    + "read it.")
    @APIResponse(responseCode = "200", description = "The application after the document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No application for this order")
    @APIResponse(responseCode = "409", description = "APPLICATION_NOT_OPEN, DOCUMENTS_LIMIT_REACHED, "
            + "CONCURRENT_DECISION or CONCURRENT_UPDATE (retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "DOCUMENT_KIND_UNKNOWN, DOCUMENT_DATES_INVALID, "
            + "DOCUMENT_EXPIRED, INVALID_FIELD or LIMIT_EXCEEDED, naming the field")
    public ApplicationView supplyDocument(@PathParam("orderId") @Pattern(regexp = Problems.ID_PATTERN) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch, DocumentRequest body) {
        var document = DocumentIntake.check(body, LocalDate.now(clock));
        ApplicationView app = find(orderId);
        etags.requireMatch(ifMatch, app);
        Problems.refusing(() -> ConcurrencyRetry.run("application for order " + orderId,
                () -> workflow.supplyDocument(app, document)));
        return find(orderId);
    }

    /** The officer who decides is the authenticated caller: its principal becomes {@code decidedBy}. */
    @POST
    @Path("/{orderId}/decision")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Operation(operationId = "decideApplication", summary = "An officer grants or denies an application in review",
            description = "Only for PENDING_REVIEW applications; the reason is required. An officer cannot "
                    + "grant what the policy forbids (the reason code says why). With If-Match, the "
                    + "application must still be as the officer read it (412 otherwise).")
    @APIResponse(responseCode = "200", description = "The decided application", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "404", description = "No application for this order")
    @APIResponse(responseCode = "409", description = "APPLICATION_NOT_IN_REVIEW, a policy reason code "
            + "(PRODUCT_PROHIBITED, UNIT_CAP_EXCEEDED, …), CONCURRENT_DECISION or CONCURRENT_UPDATE")
    public ApplicationView decide(@PathParam("orderId") @Pattern(regexp = Problems.ID_PATTERN) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch, DecisionRequest body) {
        DecisionRequest request = Problems.body(body);
        OfficerDecision decision = decision(request.decision());
        String reason = Problems.text("reason", request.reason(), REASON_MAX);
        String officer = caller.getPrincipal().getName();
        ApplicationView app = find(orderId);
        etags.requireMatch(ifMatch, app);
        Problems.refusing(() -> ConcurrencyRetry.run("application for order " + orderId,
                () -> workflow.decideByOfficer(app, decision, reason, officer)));
        return find(orderId);
    }

    private ApplicationView find(String orderId) {
        return queries.applicationWithHistory(orderId)
                .orElseThrow(() -> ProblemException.notFound("application for order", orderId));
    }

    private static OfficerDecision decision(String decision) {
        if (decision != null) {
            for (OfficerDecision d : OfficerDecision.values()) {
                if (d.name().equals(decision)) {
                    return d;
                }
            }
        }
        throw ProblemException.badRequest("decision", "decision must be one of "
                + Arrays.toString(OfficerDecision.values()));
    }

    private static ApplicationStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be one of "
                    + Arrays.toString(ApplicationStatus.values()));
        }
    }
}
