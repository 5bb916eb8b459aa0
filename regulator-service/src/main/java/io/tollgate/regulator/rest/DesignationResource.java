package io.tollgate.regulator.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import io.tollgate.regulator.api.DesignateCustomerCommand;
import io.tollgate.regulator.api.RevokeDesignationCommand;
import io.tollgate.regulator.command.Designation;
import io.tollgate.regulator.query.DesignationView;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** The register of designated customers: put on (PUT), revoke (DELETE), read one or a page. */
@Path("/api/v1/designations")
@Produces(MediaType.APPLICATION_JSON)
public class DesignationResource {

    private static final int NAME_MAX = 200;

    /** Body of PUT: the register entry. {@code unitCapPerQuarter} absent means no cap. */
    public record DesignationRequest(String name, String country, Long unitCapPerQuarter) {
    }

    private final CommandGateway commands;
    private final ReadModelQueries queries;
    private final Clock clock = Clock.systemUTC();

    public DesignationResource(CommandGateway commands, ReadModelQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PUT
    @Path("/{customerId}")
    @RolesAllowed(Roles.COMPLIANCE)
    @Consumes(MediaType.APPLICATION_JSON)
    public DesignationView designate(@PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId,
                                     DesignationRequest body) {
        DesignationRequest request = Problems.body(body);
        String name = Problems.text("name", request.name(), NAME_MAX).trim();
        if (request.country() == null || !request.country().matches("[A-Z]{2}")) {
            throw ProblemException.badRequest("country", "country must be an ISO 3166-1 alpha-2 code such as CN");
        }
        Long cap = request.unitCapPerQuarter();
        if (cap != null && (cap < 1 || cap > Designation.UNIT_CAP_MAX)) {
            throw ProblemException.badRequest("unitCapPerQuarter",
                    "unitCapPerQuarter must be in [1, " + Designation.UNIT_CAP_MAX + "] or absent");
        }
        DesignateCustomerCommand command = new DesignateCustomerCommand(customerId, name, request.country(),
                cap, clock.instant());
        return ConcurrencyRetry.run("designation of customer " + customerId,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    commands.sendAndWait(command);
                    return get(customerId);
                }));
    }

    /** Revokes: orders decided from now on are denied; decisions already made stand. */
    @DELETE
    @Path("/{customerId}")
    @RolesAllowed(Roles.COMPLIANCE)
    public DesignationView revoke(@PathParam("customerId") @Pattern(regexp = Problems.ID_PATTERN) String customerId) {
        get(customerId);
        RevokeDesignationCommand command = new RevokeDesignationCommand(customerId, clock.instant());
        return ConcurrencyRetry.run("designation of customer " + customerId,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    commands.sendAndWait(command);
                    return get(customerId);
                }));
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
