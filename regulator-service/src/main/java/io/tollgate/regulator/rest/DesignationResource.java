package io.tollgate.regulator.rest;

import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.regulator.query.DesignationView;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The register of designated customers: read one or a page. Entries change only through approved
 * proposals ({@link ProposalResource}).
 */
@Path("/api/v1/designations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "designations", description = "The register of designated customers (read only; changed by proposals)")
public class DesignationResource {

    private final ReadModelQueries queries;

    public DesignationResource(ReadModelQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getDesignation", summary = "One customer's register entry",
            description = "Status (DESIGNATED or REVOKED), unit cap per quarter, units granted by quarter, and "
                    + "the proposal, proposer and approver of its last change. Carries a strong ETag.")
    @APIResponse(responseCode = "200", description = "The register entry", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DesignationView.class)))
    @APIResponse(responseCode = "404", description = "The customer is not on the register")
    public DesignationView get(@PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId) {
        return queries.designation(customerId)
                .orElseThrow(() -> ProblemException.notFound("designation of customer", customerId));
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "listDesignations", summary = "A page of the register, oldest entry first",
            description = "Every customer ever designated (revoked ones too); follow `nextCursor`.")
    public CursorPage<DesignationView> list(
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        return queries.designations(PageCursor.decode(cursor), limit);
    }
}
