package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
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

/**
 * The register of designated customers: read one or a page. Entries change only through approved
 * proposals ({@link ProposalResource}).
 */
@Path("/api/v1/designations")
@Produces(MediaType.APPLICATION_JSON)
public class DesignationResource {

    private final ReadModelQueries queries;

    public DesignationResource(ReadModelQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    public DesignationView get(@PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId) {
        return queries.designation(customerId)
                .orElseThrow(() -> ProblemException.notFound("designation of customer", customerId));
    }

    @GET
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    public CursorPage<DesignationView> list(
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        return queries.designations(PageCursor.decode(cursor), limit);
    }
}
