package io.tollgate.eventing.deadletter;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.PageCursor;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.tollgate.eventing.rest.StrongETag;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Dead-letter operations of the service, for operators: list, retry one or all, discard one with a
 * reason. Retry and discard are requests the consumer loop owning the record's partition carries
 * out after its next poll (202): it re-applies the stored record or drops it, then releases what was
 * parked behind it. Every request and its outcome is audited with who, when and why.
 */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead-letters", description = "Records a consumer could not apply: inspect, retry or discard")
public class DeadLetterResource {

    /** Most dead letters one retry-all call requests; call again for more. */
    public static final int RETRY_ALL_MAX = 1_000;
    static final int PAGE_DEFAULT = 50;

    /** Why an operator acts; required to discard and to retry all, optional to retry one. */
    public record ActionRequest(String reason) {
    }

    /** Which dead letters a retry-all covers: one consumer group, or every group when null. */
    public record RetryAllRequest(String consumerGroup, String reason) {
    }

    /**
     * One page in the envelope every list shares ({@code items}, {@code nextCursor}: pass it as
     * {@code cursor}; null at the end). {@code nextAfterId} is the same position as a plain id, kept
     * for clients written before the shared cursor (pass it as {@code afterId}).
     */
    public record DeadLetterPage(List<DeadLetter> items, @Schema(nullable = true) String nextCursor,
                                 @Schema(nullable = true, deprecated = true,
                                         description = "Use nextCursor; kept for older clients") Long nextAfterId) {
    }

    public record RetryAllResult(int requested, boolean more) {
    }

    @Inject
    DeadLetterStore store;

    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "listDeadLetters", summary = "A page of dead letters, oldest first",
            description = "Dead letters of this service's consumers, optionally of one status and consumer "
                    + "group. Pass `nextCursor` as `cursor` for the next page (null at the end); the older "
                    + "`afterId`/`nextAfterId` pair still works (not both at once).")
    public DeadLetterPage list(@QueryParam("status") String status, @QueryParam("consumerGroup") String group,
                               @Parameter(deprecated = true, description = "Use cursor")
                               @QueryParam("afterId") String afterId,
                               @QueryParam(PageCursor.CURSOR) String cursor,
                               @QueryParam("limit") @DefaultValue("50") String limit) {
        if (afterId != null && cursor != null) {
            throw ProblemException.badRequest(PageCursor.CURSOR, "send cursor or afterId, not both");
        }
        long after = cursor != null ? PageCursor.decode(cursor)
                : afterId == null ? 0 : number("afterId", afterId, 0, Long.MAX_VALUE);
        int size = (int) number("limit", limit, 1, DeadLetterStore.PAGE_MAX);
        List<DeadLetter> items = store.list(status(status), group, after, size);
        Long next = items.size() == size ? items.get(items.size() - 1).id() : null;
        return new DeadLetterPage(items, next == null ? null : PageCursor.encode(next), next);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @StrongETag
    @Extension(name = ContractFilter.ETAG, value = "true")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter with its audit trail",
            description = "The record's place (topic, partition, offset), why it could not be applied, how "
                    + "many later records of its order wait behind it, and every action taken on it.")
    @APIResponse(responseCode = "200", description = "The dead letter", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    public DeadLetter one(@PathParam("id") String id) {
        long key = number("id", id, 1, Long.MAX_VALUE);
        return store.find(key).orElseThrow(() -> ProblemException.notFound("dead letter", id));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retryDeadLetter", summary = "Ask the consumer to apply an open dead letter again",
            description = "The consumer picks the request up after its next poll: it re-applies the stored "
                    + "record and then releases the records parked behind it. A reason is optional.")
    @APIResponse(responseCode = "202", description = "Retry requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "409", description = "DEAD_LETTER_NOT_OPEN: already retried or discarded")
    public Response retry(@PathParam("id") String id, ActionRequest request, @Context SecurityContext caller) {
        return request(id, DeadLetterStatus.RETRY_REQUESTED, DeadLetterAction.RETRY_REQUESTED,
                reason(request, false), caller);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "discardDeadLetter", summary = "Drop an open dead letter, saying why",
            description = "The consumer drops the stored record after its next poll and releases the "
                    + "records parked behind it. The reason is required and kept in the audit trail.")
    @APIResponse(responseCode = "202", description = "Discard requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeadLetter.class)))
    @APIResponse(responseCode = "404", description = "No such dead letter")
    @APIResponse(responseCode = "409", description = "DEAD_LETTER_NOT_OPEN: already retried or discarded")
    public Response discard(@PathParam("id") String id, ActionRequest request, @Context SecurityContext caller) {
        return request(id, DeadLetterStatus.DISCARD_REQUESTED, DeadLetterAction.DISCARD_REQUESTED,
                reason(request, true), caller);
    }

    @POST
    @Path("/retry-all")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "retryAllDeadLetters", summary = "Retry every open dead letter (of one group)",
            description = "Requests a retry of up to 1,000 open dead letters, of one consumer group or all; "
                    + "`more` says whether to call again. The reason is required.")
    public RetryAllResult retryAll(RetryAllRequest request, @Context SecurityContext caller) {
        String group = request == null ? null : request.consumerGroup();
        // A mass action says why: an empty body retries nothing.
        String why = reason(request == null ? null : new ActionRequest(request.reason()), true);
        String who = caller.getUserPrincipal().getName();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = store.openIds(group, RETRY_ALL_MAX + 1);
            int requested = 0;
            for (Long id : ids.subList(0, Math.min(ids.size(), RETRY_ALL_MAX))) {
                if (store.move(id, DeadLetterStatus.OPEN, DeadLetterStatus.RETRY_REQUESTED,
                        DeadLetterAction.RETRY_REQUESTED, who, why)) {
                    requested++;
                }
            }
            return new RetryAllResult(requested, ids.size() > RETRY_ALL_MAX);
        });
    }

    private Response request(String id, DeadLetterStatus to, String action, String why, SecurityContext caller) {
        long key = number("id", id, 1, Long.MAX_VALUE);
        String who = caller.getUserPrincipal().getName();
        DeadLetter current = store.find(key).orElseThrow(() -> ProblemException.notFound("dead letter", id));
        // The move itself checks the status again, so two operators acting at once cannot both win.
        boolean moved = current.status() == DeadLetterStatus.OPEN && QuarkusTransaction.requiringNew()
                .call(() -> store.move(key, DeadLetterStatus.OPEN, to, action, who, why));
        if (!moved) {
            throw new ProblemException(409, "DEAD_LETTER_NOT_OPEN", "id", "dead letter " + id + " is "
                    + store.find(key).map(DeadLetter::status).orElse(current.status())
                    + "; only an OPEN dead letter can be retried or discarded");
        }
        return Response.accepted(store.find(key).orElseThrow()).build();
    }

    private static String reason(ActionRequest request, boolean required) {
        String reason = request == null ? null : request.reason();
        if (reason == null || reason.isBlank()) {
            if (required) {
                throw ProblemException.badRequest("reason", "reason is required (why the record is dropped)");
            }
            return "(none given)";
        }
        if (reason.length() > DeadLetterStore.REASON_CHARS_MAX) {
            throw ProblemException.badRequest("reason", "reason must be at most "
                    + DeadLetterStore.REASON_CHARS_MAX + " characters");
        }
        return reason.strip();
    }

    private static DeadLetterStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeadLetterStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "status must be one of "
                    + java.util.Arrays.toString(DeadLetterStatus.values()));
        }
    }

    private static long number(String field, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(field, field + " must be a whole number from " + min + " to " + max);
    }
}
