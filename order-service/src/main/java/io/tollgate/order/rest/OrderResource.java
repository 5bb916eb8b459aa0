package io.tollgate.order.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.Problem;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.contracts.Roles;
import io.tollgate.order.api.CancelOrderCommand;
import io.tollgate.order.api.FindOrderQuery;
import io.tollgate.order.api.ListOrdersQuery;
import io.tollgate.order.api.OrderPage;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.OrderSummary;
import io.tollgate.order.api.OrderView;
import io.tollgate.order.api.RecordRevenueSharePaymentCommand;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ERP-facing API: request, follow, list and cancel orders; record revenue-share payments. Every
 * method names the roles it admits ({@code quarkus.security.jaxrs.deny-unannotated-endpoints} denies
 * anything that does not); the role check runs before the body is read, so a refused call stores nothing.
 * An {@code erp} caller sees and cancels only its own client's orders; anyone else's answers 404, as
 * if it did not exist. The order desk, treasury and auditors read every client's orders.
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderResource {

    private final OrderIntake intake;
    private final CommandRunner runner;
    private final QueryGateway queries;
    private final SecurityIdentity identity;

    public OrderResource(OrderIntake intake, CommandRunner runner, QueryGateway queries,
                         SecurityIdentity identity) {
        this.intake = intake;
        this.runner = runner;
        this.queries = queries;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request an order (idempotent per Idempotency-Key)")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the order")
    @APIResponse(responseCode = "400", description = "Bad input", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Idempotency-Key used for another body")
    public Response request(
            @Parameter(required = true) @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            OrderRequestBody body, @jakarta.ws.rs.core.Context UriInfo uri) {
        String idempotencyKey = RequestFields.idempotencyKey(key);
        OrderRequestBody request = RequestFields.present("body", body).validated();
        OrderIntake.Outcome outcome = intake.request(idempotencyKey, request, principal());
        OrderStatus status = outcome.created() ? OrderStatus.REQUESTED
                : find(outcome.orderId(), principal()).status();
        return Response.accepted(new OrderAccepted(outcome.orderId(), status))
                .location(uri.getBaseUriBuilder().path("api/v1/orders").path(outcome.orderId()).build())
                .build();
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Path("/{orderId}")
    @Operation(summary = "One order: status, amounts, authorization references and history")
    @APIResponse(responseCode = "404", description = "No such order (or, for erp, another client's)")
    public OrderView get(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId) {
        return find(orderId, readScope());
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(summary = "A page of orders, oldest first (for erp: its own client's); follow nextCursor")
    public CursorPage<OrderSummary> list(@QueryParam("status") String status,
            @QueryParam("customerId") @Size(max = WireLimits.ID_CHARS_MAX) String customerId,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        ListOrdersQuery query = new ListOrdersQuery(status(status),
                customerId == null || customerId.isEmpty() ? null : customerId, readScope(), limit,
                PageCursor.decode(cursor));
        OrderPage page = queries.query(query, ResponseTypes.instanceOf(OrderPage.class)).join();
        return new CursorPage<>(page.items(),
                page.nextAfter() == null ? null : PageCursor.encode(page.nextAfter()));
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Path("/{orderId}/cancellation")
    @Operation(summary = "Cancel one's own order that is REQUESTED, or AUTHORIZED with nothing paid")
    @APIResponse(responseCode = "202", description = "Cancelled")
    @APIResponse(responseCode = "404", description = "No such order of the caller's client")
    @APIResponse(responseCode = "409", description = "Not cancellable in its current state")
    public Response cancel(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId) {
        String client = principal();
        find(orderId, client);
        runner.send(orderId, new CancelOrderCommand(orderId, null, client, Instant.now()));
        return Response.accepted(new OrderAccepted(orderId, find(orderId, client).status())).build();
    }

    @POST
    @RolesAllowed(Roles.TREASURY)
    @Path("/{orderId}/revenue-share-payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a revenue-share remittance (idempotent per Idempotency-Key)")
    @APIResponse(responseCode = "202", description = "Recorded (or recorded before under this key)")
    @APIResponse(responseCode = "409", description = "Order not authorized, already settled, or key reused")
    @APIResponse(responseCode = "422", description = "Exceeds the outstanding share or another currency")
    public Response pay(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId,
            @Parameter(required = true) @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            PaymentRequestBody body) {
        String idempotencyKey = RequestFields.idempotencyKey(key);
        PaymentRequestBody payment = RequestFields.present("body", body).validated();
        String paymentId = paymentId(orderId, idempotencyKey);
        runner.send(orderId, new RecordRevenueSharePaymentCommand(orderId, paymentId, payment.amount(),
                payment.treasuryReference(), principal(), Instant.now()));
        return Response.accepted(new PaymentAccepted(orderId, paymentId, find(orderId, null).status())).build();
    }

    /** A payment id per order and key: a retry carries the same id, so the aggregate drops it. */
    static String paymentId(String orderId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((orderId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * Who is asking, which is also the client that owns what it creates (every endpoint requires a
     * role, so never anonymous here; a token's principal is pinned to its issuer and subject). Kept in
     * the events' payload too; the event metadata "principal" stamped by eventing is what the wire
     * events carry.
     */
    private String principal() {
        return identity.getPrincipal().getName();
    }

    /**
     * Whose orders the caller may read: null (every client's) for the order desk, treasury and
     * auditors; for an erp caller only its own client's.
     */
    private String readScope() {
        return ReadScope.of(identity);
    }

    /** @param client only if this client owns it (404 otherwise), or null for any order */
    private OrderView find(String orderId, String client) {
        return queries.query(new FindOrderQuery(orderId, client), ResponseTypes.optionalInstanceOf(OrderView.class))
                .join()
                .orElseThrow(() -> ProblemException.notFound("order", orderId));
    }

    private static OrderStatus status(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be one of "
                    + java.util.Arrays.toString(OrderStatus.values()));
        }
    }
}
