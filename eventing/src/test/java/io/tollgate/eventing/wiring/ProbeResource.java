package io.tollgate.eventing.wiring;

import io.tollgate.contracts.Money;
import io.tollgate.eventing.kafka.RealFailures;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** A small REST surface over the probe aggregate, to test problem+json and the command path. */
@Path("/probe")
public class ProbeResource {

    public record OpenRequest(String customerId, Money price, int quantity) {
    }

    @Inject
    CommandGateway commands;

    @POST
    @Path("/orders")
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response open(OpenRequest request) {
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

    @POST
    @Path("/orders/{id}/fail")
    @RolesAllowed({Roles.ERP, Roles.AUDITOR})
    public Response fail(@PathParam("id") String id) {
        throw new ProblemException(409, "PROBE_CONFLICT", null, "order " + id + " refuses");
    }
}
