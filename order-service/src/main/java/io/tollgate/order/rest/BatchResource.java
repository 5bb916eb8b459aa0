package io.tollgate.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.LargeBody;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.ProblemMappers;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Bulk intake: a batch of order lines (NDJSON or CSV, up to {@link BatchLines#LINES_MAX}), each with
 * its own Idempotency-Key, stored whole before the answer and then turned into orders by
 * {@link BatchWorker}; progress and per-line results are readable while it runs. The batch has an
 * Idempotency-Key of its own: a retried upload answers the first upload's batch.
 */
@Path("/api/v1/order-batches")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class BatchResource {

    private static final String LINES = "lines";

    private final BatchStore store;
    private final BatchWorker worker;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public BatchResource(BatchStore store, BatchWorker worker, ObjectMapper json, SecurityIdentity identity) {
        this.store = store;
        this.worker = worker;
        this.json = json;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.WILDCARD) // the type is checked in the method, after the role check
    @LargeBody
    @Operation(operationId = "uploadOrderBatch",
            summary = "Upload a batch of order lines (NDJSON or CSV); answered at once with the batch's URL",
            description = "Up to 100,000 lines, each an order request with its own idempotencyKey, as "
                    + "application/x-ndjson (one JSON object per line) or text/csv (a header naming the "
                    + "columns). The whole batch is stored before the answer; its lines then become orders "
                    + "exactly as POST /api/v1/orders would make them. The batch's own Idempotency-Key makes "
                    + "a retried upload answer the first one's batch (Idempotent-Replayed: true).")
    @RequestBody(required = true, content = {
            @Content(mediaType = BatchLines.NDJSON, schema = @Schema(type = SchemaType.STRING,
                    description = "One order request per line, with idempotencyKey")),
            @Content(mediaType = BatchLines.CSV, schema = @Schema(type = SchemaType.STRING,
                    description = "A header naming the columns, then one order request per line"),
                    example = "idempotencyKey,customerId,customerName,product,quantity,unitPrice,currency\n"
                            + "PO-4711-1,bytedance,ByteDance Ltd.,H200-SXM-141GB,8,31500.00,USD\n")})
    @APIResponse(responseCode = "202", description = "Stored; Location names the batch, whose lines are"
            + " being turned into orders", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchViews.BatchView.class)))
    @APIResponse(responseCode = "400", description = "Not a batch: not UTF-8, no lines, a bad CSV header")
    @APIResponse(responseCode = "409", description = "Idempotency-Key used for another batch")
    @APIResponse(responseCode = "413", description = "Body above tollgate.http.large-body-bytes-max")
    @APIResponse(responseCode = "415", description = "Neither application/x-ndjson nor text/csv")
    @APIResponse(responseCode = "422", description = "More than 100,000 lines, or an unknown CSV column")
    @APIResponse(responseCode = "503", description = "UPLOADS_BUSY: as many batches as the instance takes at once"
            + " (tollgate.http.large-bodies-at-once) are being received or stored, this one was refused before its"
            + " body was read; or TEMPORARILY_UNAVAILABLE. Nothing was stored: retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", ref = "#/components/headers/Retry-After"))
    public Response upload(
            @Parameter(required = true) @HeaderParam(RequestFields.IDEMPOTENCY_KEY)
            @Pattern(regexp = RequestFields.KEY_PATTERN, message = RequestFields.KEY_RULE) String key,
            @HeaderParam("Content-Type") String contentType, InputStream body, @Context UriInfo uri) {
        String batchKey = RequestFields.idempotencyKey(key);
        String format = BatchLines.formatOf(contentType);
        String client = identity.getPrincipal().getName();
        // The body is read once, as it arrives, and hashed as it is read: never held whole.
        DigestInputStream hashed = new DigestInputStream(body == null ? InputStream.nullInputStream() : body,
                sha256Of(format));
        Optional<BatchStore.Batch> earlier = store.byKey(client, batchKey);
        if (earlier.isPresent()) {
            return replayed(earlier.get(), drainedHash(hashed), uri);
        }
        String batchId = UUID.randomUUID().toString();
        String[] hash = new String[1];
        try {
            store.create(batchId, client, batchKey, format, Instant.now(), sink -> {
                int lines = BatchLines.read(format, hashed, json, line -> sink.accept(new BatchStore.NewLine(
                        line.lineNo(), line.idempotencyKey(), line.body() == null ? null : canonical(line.body()),
                        line.problem())));
                hash[0] = drainedHash(hashed);
                return new BatchStore.ReadBody(lines, hash[0]);
            });
        } catch (OrderIntake.KeyTakenException e) {
            // A concurrent upload stored the key first, after this body was read to its end.
            return replayed(store.byKey(client, batchKey).orElseThrow(() -> e), hash[0], uri);
        }
        worker.nudge();
        BatchStore.Batch batch = store.byId(batchId, client).orElseThrow();
        return Response.accepted(view(batch, uri)).location(location(uri, batchId)).build();
    }

    @GET
    @Path("/{batchId}")
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(operationId = "getOrderBatch", summary = "A batch's progress: lines pending, accepted and rejected",
            description = "RUNNING while a line is pending, then DONE. An erp caller sees its own client's"
                    + " batches only.")
    @APIResponse(responseCode = "200", description = "The batch", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchViews.BatchView.class)))
    @APIResponse(responseCode = "404", description = "No such batch (or, for erp, another client's)")
    public BatchViews.BatchView get(@PathParam("batchId") @Size(max = WireLimits.ID_CHARS_MAX) String batchId,
                                    @Context UriInfo uri) {
        return view(find(batchId), uri);
    }

    @GET
    @Path("/{batchId}/lines")
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(operationId = "listOrderBatchLines",
            summary = "A page of a batch's per-line results in line order",
            description = "Each line's state, and its order id when ACCEPTED or its problem when REJECTED; "
                    + "?state= keeps one state. Follow nextCursor (null on the last page).")
    @APIResponse(responseCode = "200", description = "A page of line results")
    @APIResponse(responseCode = "400", description = "A state, limit or cursor out of range")
    @APIResponse(responseCode = "404", description = "No such batch (or, for erp, another client's)")
    public CursorPage<BatchViews.LineResult> lines(
            @PathParam("batchId") @Size(max = WireLimits.ID_CHARS_MAX) String batchId,
            @QueryParam("state") String state,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor, @Context UriInfo uri) {
        BatchStore.Batch batch = find(batchId);
        long after = PageCursor.decode(cursor);
        List<BatchStore.Result> rows = store.results(batch.batchId(), state(state),
                (int) Math.min(after, Integer.MAX_VALUE), limit + 1);
        String instance = uri.getPath();
        List<BatchViews.LineResult> results = rows.stream().map(r -> new BatchViews.LineResult(r.lineNo(),
                r.idempotencyKey(), r.state(), r.orderId(),
                r.problem() == null ? null : ProblemMappers.problemOf(r.problem(), instance))).toList();
        return CursorPage.of(results, limit, BatchViews.LineResult::line);
    }

    private Response replayed(BatchStore.Batch batch, String hash, UriInfo uri) {
        if (!batch.requestHash().equals(hash)) {
            throw new ProblemException(409, "IDEMPOTENCY_KEY_REUSED", RequestFields.IDEMPOTENCY_KEY,
                    "this " + RequestFields.IDEMPOTENCY_KEY + " was used for a different batch (batch "
                            + batch.batchId() + ")");
        }
        return Response.accepted(view(batch, uri)).location(location(uri, batch.batchId()))
                .header("Idempotent-Replayed", "true").build();
    }

    private BatchStore.Batch find(String batchId) {
        return store.byId(batchId, ReadScope.of(identity))
                .orElseThrow(() -> ProblemException.notFound("batch", batchId));
    }

    private BatchViews.BatchView view(BatchStore.Batch batch, UriInfo uri) {
        int pending = batch.pending();
        return new BatchViews.BatchView(batch.batchId(), batch.format(), pending == 0 ? "DONE" : "RUNNING",
                batch.lineCount(), pending, batch.accepted(), batch.rejected(), batch.createdAt(), batch.finishedAt(),
                location(uri, batch.batchId()) + "/" + LINES);
    }

    private static java.net.URI location(UriInfo uri, String batchId) {
        return uri.getBaseUriBuilder().path("api/v1/order-batches").path(batchId).build();
    }

    private static BatchStore.LineState state(String state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        try {
            return BatchStore.LineState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("state", "state must be one of "
                    + java.util.Arrays.toString(BatchStore.LineState.values()));
        }
    }

    private String canonical(OrderRequestBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order request always serialises", e);
        }
    }

    /** SHA-256 over the format, a newline, then the body's bytes (fed by the reading stream). */
    private static MessageDigest sha256Of(String format) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(format.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            digest.update((byte) '\n');
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    /** Reads what is left of the body (nothing, once the lines were read to its end) and gives its hash. */
    private static String drainedHash(DigestInputStream hashed) {
        try {
            hashed.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("the batch's body could not be read", e);
        }
        return HexFormat.of().formatHex(hashed.getMessageDigest().digest());
    }
}
