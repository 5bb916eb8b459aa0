package io.tollgate.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.SuppliedDocument;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.ETags;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.Replayed;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.order.api.CancelOrderCommand;
import io.tollgate.order.api.FindOrderQuery;
import io.tollgate.order.api.ListOrdersQuery;
import io.tollgate.order.api.OrderPage;
import io.tollgate.order.api.OrderStatus;
import io.tollgate.order.api.OrderSummary;
import io.tollgate.order.api.OrderView;
import io.tollgate.order.api.RecordRevenueSharePaymentCommand;
import io.tollgate.order.api.SupplyDocumentCommand;
import io.tollgate.order.api.SupplyUsageScenarioCommand;
import io.tollgate.order.command.Order;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
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
@Tag(name = "orders", description = "Order intake and lifecycle for ERP systems; revenue-share payments")
public class OrderResource {

    private final OrderIntake intake;
    private final CommandRunner runner;
    private final QueryGateway queries;
    private final SecurityIdentity identity;
    private final ETags etags;
    private final ObjectMapper json;

    public OrderResource(OrderIntake intake, CommandRunner runner, QueryGateway queries,
                         SecurityIdentity identity, ETags etags, ObjectMapper json) {
        this.etags = etags;
        this.json = json;
        this.intake = intake;
        this.runner = runner;
        this.queries = queries;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestOrder", summary = "Request an order (idempotent per Idempotency-Key)",
            description = "Submits one order line for export authorization. The regulator decides "
                    + "asynchronously: follow the order at its Location until it is AUTHORIZED or DENIED. "
                    + "The same Idempotency-Key with the same body answers the stored result (with "
                    + "`Idempotent-Replayed: true`) and never makes a second order. Optional `destination`, "
                    + "`transactionKind` (EXPORT, REEXPORT, IN_COUNTRY_TRANSFER), `buyerHeadquarters` and "
                    + "`ultimateParentHeadquarters` (ISO 3166-1 alpha-2, upper case) say where the order goes and "
                    + "who buys it; absent: an export to CN. The headquarters are required unless the "
                    + "destination is CN or MO (400 INVALID_FIELD naming the field).")
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the order",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The order's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderAccepted.class)))
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_REUSED: the key was used for another "
            + "body; IDEMPOTENCY_KEY_BUSY: a request with this key is still running (retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "A body field breaks a business rule "
            + "(QUANTITY_OUT_OF_RANGE, UNIT_PRICE_NOT_POSITIVE, GROSS_AMOUNT_TOO_LARGE, LIMIT_EXCEEDED, …)")
    public Response request(
            @Parameter(required = true) @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            OrderRequestBody body, @jakarta.ws.rs.core.Context UriInfo uri) {
        String idempotencyKey = RequestFields.idempotencyKey(key);
        OrderRequestBody request = RequestFields.present("body", body).validated();
        OrderIntake.Outcome outcome = intake.request(idempotencyKey, request, principal());
        OrderStatus status = outcome.created() ? OrderStatus.REQUESTED
                : find(outcome.orderId(), principal()).status();
        Response.ResponseBuilder answer = Response.accepted(new OrderAccepted(outcome.orderId(), status))
                .location(uri.getBaseUriBuilder().path("api/v1/orders").path(outcome.orderId()).build());
        return Replayed.mark(answer, !outcome.created()).build();
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Path("/{orderId}")
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getOrder", summary = "One order: status, amounts, authorization and history",
            description = "The order as order-service knows it now. Carries a strong ETag: send it in "
                    + "If-None-Match to poll cheaply (304 while unchanged), or in If-Match when cancelling.")
    @APIResponse(responseCode = "200", description = "The order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "404", description = "No such order (or, for erp, another client's)")
    public OrderView get(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId) {
        return find(orderId, readScope());
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(operationId = "listOrders", summary = "A page of orders, oldest first; follow nextCursor",
            description = "Orders in the order they were requested (for erp: its own client's only), "
                    + "optionally of one status or customer. At most `limit` items; `nextCursor` is null on "
                    + "the last page.")
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
    @Operation(operationId = "cancelOrder",
            summary = "Cancel one's own order that is REQUESTED, or AUTHORIZED with nothing paid",
            description = "Idempotent: cancelling an order that is already cancelled answers 202 CANCELLED "
                    + "again (with `Idempotent-Replayed: true`; the first reason stands). The optional "
                    + "body's reason is kept in the order's history and on the OrderCancelled event. "
                    + "With If-Match, the order must still be as the caller read it (412 otherwise).")
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CancellationRequest.class)))
    @APIResponse(responseCode = "202", description = "Cancelled (now, or before)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderAccepted.class)))
    @APIResponse(responseCode = "404", description = "No such order of the caller's client")
    @APIResponse(responseCode = "409", description = "ORDER_NOT_CANCELLABLE (DENIED or SETTLED) or "
            + "ORDER_HAS_PAYMENTS")
    public Response cancel(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body) throws JsonProcessingException {
        String client = principal();
        String reason = CancellationRequest.reasonOf(cancellation(contentType, body));
        etags.requireMatch(ifMatch, find(orderId, client));
        boolean cancelledNow = runner.send(orderId, new CancelOrderCommand(orderId, reason, client, Instant.now()));
        return Replayed.mark(Response.accepted(new OrderAccepted(orderId, find(orderId, client).status())),
                !cancelledNow).build();
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Path("/{orderId}/usage-scenario")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "supplyOrderUsageScenario",
            summary = "Supply the usage scenario the order's application waits for",
            description = "Only while the order's `authorization.waitingFor` is USAGE_SCENARIO. The scenario is "
                    + "passed to the regulator, which judges it: the order then shows the decision, or waits "
                    + "again with `authorization.requirement` saying why the scenario was not enough. An "
                    + "Idempotency-Key is optional: the same key with the same text answers 202 again (with "
                    + "`Idempotent-Replayed: true`) and passes nothing twice. With If-Match, the order must "
                    + "still be as the caller read it (412 otherwise).")
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @APIResponse(responseCode = "202", description = "Taken (now, or before under this key); the order is "
            + "REQUESTED and waits for the regulator", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderAccepted.class)))
    @APIResponse(responseCode = "400", description = "usageScenario missing or blank (INVALID_FIELD)")
    @APIResponse(responseCode = "404", description = "No such order of the caller's client")
    @APIResponse(responseCode = "409", description = "ORDER_NOT_AWAITING_SCENARIO: the application waits for no "
            + "usage scenario (not asked, already supplied, in an officer's review, or decided); "
            + "IDEMPOTENCY_KEY_REUSED: the key was used for another scenario of this order")
    @APIResponse(responseCode = "422", description = "LIMIT_EXCEEDED: usageScenario longer than "
            + WireLimits.USAGE_SCENARIO_CHARS_MAX + " characters")
    public Response supplyUsageScenario(
            @PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Parameter(description = "Optional; a retry with the same key and text is answered like the first call")
            @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            UsageScenarioRequestBody body) {
        String client = principal();
        UsageScenarioRequestBody request = RequestFields.present("body", body).validated();
        return supply(orderId, client, ifMatch, "usage-scenario", key, supplyId ->
                new SupplyUsageScenarioCommand(orderId, request.usageScenario(), supplyId, client, Instant.now()));
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Path("/{orderId}/documents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "supplyOrderDocument",
            summary = "Supply a document the regulator's policy requires of the order's application",
            description = "While the order is REQUESTED, whatever its `authorization.waitingFor` (the regulator "
                    + "records a document in any open state; one that waits for DOCUMENTS is evaluated again). "
                    + "The body is the regulator's: kind, issuer, issue and expiry days (UTC), the issuer's "
                    + "reference and the SHA-256 of the document (its bytes are never sent), checked with the "
                    + "regulator's limits and codes (docs/policy-documents.md). The document is passed to the "
                    + "regulator as `tollgate.order.document-supplied.v1`; the order then shows its answer. "
                    + "The same document again, or the same Idempotency-Key with the same body, answers 202 "
                    + "again (with `Idempotent-Replayed: true`) and passes nothing twice. With If-Match, the "
                    + "order must still be as the caller read it (412 otherwise).")
    @Extension(name = ContractFilter.IF_MATCH, value = "true")
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @APIResponse(responseCode = "202", description = "Taken (now, or before); the order is REQUESTED and "
            + "waits for the regulator", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = OrderAccepted.class)))
    @APIResponse(responseCode = "404", description = "No such order of the caller's client")
    @APIResponse(responseCode = "409", description = "ORDER_NOT_OPEN_FOR_DOCUMENTS: the order is decided or "
            + "cancelled; DOCUMENTS_LIMIT_REACHED: the order carries " + Order.DOCUMENTS_MAX + " documents; "
            + "IDEMPOTENCY_KEY_REUSED: the key was used for another document of this order")
    @APIResponse(responseCode = "422", description = "DOCUMENT_KIND_UNKNOWN, DOCUMENT_DATES_INVALID, "
            + "DOCUMENT_EXPIRED, INVALID_FIELD or LIMIT_EXCEEDED, naming the field")
    public Response supplyDocument(
            @PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId,
            @Parameter(hidden = true) @HeaderParam(ETags.IF_MATCH) String ifMatch,
            @Parameter(description = "Optional; a retry with the same key and body is answered like the first call")
            @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            DocumentRequestBody body) {
        String client = principal();
        SuppliedDocument document = RequestFields.present("body", body).validated(LocalDate.now(ZoneOffset.UTC));
        return supply(orderId, client, ifMatch, "document", key, supplyId ->
                new SupplyDocumentCommand(orderId, document, supplyId, client, Instant.now()));
    }

    /**
     * Passes on what the order's owner supplies (a scenario or a document), under a supply id made
     * from the key when one is given, once the order is as the caller read it (If-Match); answers
     * 202 with the order's status, marked replayed when the aggregate dropped it as a repeat.
     */
    private Response supply(String orderId, String client, String ifMatch, String what, String key,
                            Function<String, Object> command) {
        etags.requireMatch(ifMatch, find(orderId, client));
        String supplyId = key == null || key.isEmpty() ? null : supplyId(orderId, what, key);
        boolean suppliedNow = runner.send(orderId, command.apply(supplyId));
        return Replayed.mark(Response.accepted(new OrderAccepted(orderId, find(orderId, client).status())),
                !suppliedNow).build();
    }

    @POST
    @RolesAllowed(Roles.TREASURY)
    @Path("/{orderId}/revenue-share-payments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordRevenueSharePayment",
            summary = "Record a revenue-share remittance (idempotent per Idempotency-Key)",
            description = "Treasury records one payment of the revenue share an AUTHORIZED order owes; the "
                    + "order is SETTLED once the payments add up to what is due. The same Idempotency-Key "
                    + "and body is recorded once (`Idempotent-Replayed: true` on repeats).")
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @APIResponse(responseCode = "202", description = "Recorded (or recorded before under this key)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PaymentAccepted.class)))
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "Order not authorized, already settled, or key reused")
    @APIResponse(responseCode = "422", description = "Exceeds the outstanding share or another currency")
    public Response pay(@PathParam("orderId") @Size(max = WireLimits.ORDER_ID_CHARS_MAX) String orderId,
            @Parameter(required = true) @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            PaymentRequestBody body) {
        String idempotencyKey = RequestFields.idempotencyKey(key);
        PaymentRequestBody payment = RequestFields.present("body", body).validated();
        String paymentId = paymentId(orderId, idempotencyKey);
        boolean recordedNow = runner.send(orderId, new RecordRevenueSharePaymentCommand(orderId, paymentId,
                payment.amount(), payment.treasuryReference(), principal(), Instant.now()));
        return Replayed.mark(Response.accepted(new PaymentAccepted(orderId, paymentId, find(orderId, null).status())),
                !recordedNow).build();
    }

    /**
     * The optional cancellation body. Read by hand because clients have always cancelled with a bare
     * POST (no body, no Content-Type), which a typed entity parameter would refuse with 415.
     */
    private CancellationRequest cancellation(String contentType, String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(415, "UNSUPPORTED_MEDIA_TYPE", HttpHeaders.CONTENT_TYPE,
                    "a cancellation body must be application/json");
        }
        return json.readValue(body, CancellationRequest.class);
    }

    /** A payment id per order and key: a retry carries the same id, so the aggregate drops it. */
    static String paymentId(String orderId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((orderId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * A supply id per order, what is supplied, and key: a retry carries the same id, so the
     * aggregate drops it.
     */
    static String supplyId(String orderId, String what, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((orderId + "\n" + what + "\n" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
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
