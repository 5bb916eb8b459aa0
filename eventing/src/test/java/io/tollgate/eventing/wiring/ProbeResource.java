package io.tollgate.eventing.wiring;

import io.tollgate.contracts.Money;
import io.tollgate.eventing.kafka.RealFailures;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.tollgate.eventing.rest.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import io.tollgate.eventing.db.GroupCommit;
import io.tollgate.eventing.error.Causes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.jboss.logging.Logger;

/** A small REST surface over the probe aggregate, to test problem+json and the command path. */
@Path("/probe")
public class ProbeResource {

    public record OpenRequest(@Size(max = CUSTOMER_ID_CHARS_MAX) String customerId,
                              Money price, int quantity, List<@Valid Line> lines) {
    }

    /** A body element inside a list, to show how a violation inside it is named. */
    public record Line(@NotBlank String sku) {
    }

    /** What a list query answers: the values it was given after validation and defaults. */
    public record Listing(int limit, String customerId, String probeKey) {
    }

    static final int CUSTOMER_ID_CHARS_MAX = 40;

    private static final Logger LOG = Logger.getLogger(ProbeResource.class);

    @Inject
    CommandGateway commands;
    @Inject
    GroupCommit groupCommit;

    @POST
    @Path("/orders")
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response open(@Valid OpenRequest request) {
        if (request.quantity() <= 0) {
            throw ProblemException.badRequest("quantity", "quantity must be positive");
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new ProbeOrder.OpenProbeOrderCommand(id, request.customerId()));
        return Response.accepted(java.util.Map.of("orderId", id)).build();
    }

    /** Fails the way a request does when the pool is exhausted: a real Agroal acquisition timeout. */
    @POST
    @Path("/orders/{id}/pool-exhausted")
    @RolesAllowed(Roles.ERP)
    public Response poolExhausted(@PathParam("id") String id) {
        throw new IllegalStateException("cannot read order " + id, RealFailures.poolAcquisitionTimeout());
    }

    /** Fails with a lasting database error: a NOT NULL violation is a bug, never a reason to retry. */
    @POST
    @Path("/orders/{id}/not-null")
    @RolesAllowed(Roles.ERP)
    public Response notNull(@PathParam("id") String id) {
        throw new IllegalStateException("cannot write order " + id,
                new java.sql.SQLException("NULL not allowed for column \"CUSTOMER_ID\"", "23502"));
    }

    /** Parameters checked by annotations alone; the mapper names each one as the client spelled it. */
    @GET
    @Path("/orders")
    @RolesAllowed(Roles.ERP)
    @Produces(MediaType.APPLICATION_JSON)
    public Listing list(
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam("customerId") @Size(max = CUSTOMER_ID_CHARS_MAX) String customerId,
            @HeaderParam("X-Probe-Key") @NotBlank @Pattern(regexp = "[a-z]{1,8}") String probeKey) {
        return new Listing(limit, customerId, probeKey);
    }

    /**
     * Notes a decision through the group commit, logging a line on the committer thread: the
     * tracing tests look there for the request's order id and trace.
     */
    @POST
    @Path("/orders/{orderId}/decision-notes")
    @RolesAllowed(Roles.ERP)
    public Response noteDecision(@PathParam("orderId") String orderId) {
        try {
            groupCommit.call("order " + orderId, () -> {
                LOG.infof("probe resource: noting a decision for %s", orderId);
                return commands.sendAndWait(
                        new ProbeOrder.NoteDecisionCommand(orderId, "http-note"));
            });
        } catch (RuntimeException e) {
            if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
                throw ProblemException.notFound("order", orderId);
            }
            throw e;
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/orders/{id}/fail")
    @RolesAllowed({Roles.ERP, Roles.AUDITOR})
    public Response fail(@PathParam("id") String id) {
        throw new ProblemException(409, "PROBE_CONFLICT", null, "order " + id + " refuses");
    }
}
