package io.tollgate.order.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireLimits;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.query.OrderFeed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhook subscriptions: an ERP registers an HTTPS endpoint and order-service pushes its client's
 * order changes there ({@link WebhookWorker}), so it need not hold a long poll or a stream open. An
 * {@code erp} caller registers, reads, resumes, re-keys and deletes its own client's subscriptions
 * only (another client's answers 404, as one that does not exist); an {@code operator} reads every
 * client's, and changes none.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "webhooks", description = "Order changes pushed to an ERP's endpoint, signed, in feed order")
public class WebhookResource {

    private static final String ROOT = "api/v1/webhooks";

    private final WebhookStore store;
    private final WebhookWorker worker;
    private final WebhookSettings settings;
    private final OrderFeed feed;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookStore store, WebhookWorker worker, WebhookSettings settings, OrderFeed feed,
                           SecurityIdentity identity) {
        this.store = store;
        this.worker = worker;
        this.settings = settings;
        this.feed = feed;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook",
            summary = "Register an endpoint that receives the client's order changes",
            description = "order-service POSTs the client's change-feed rows to `url` in feed order, at least "
                    + "once, signed with the `secret` of this answer (shown only here): Tollgate-Signature "
                    + "`t=<unix seconds>,v1=<hex HMAC-SHA256(secret bytes, \"<t>.\" + body)>`. Delivery starts "
                    + "after `startAfter` (a feed cursor), or without it after the feed's current end. `url` "
                    + "is https:// (http:// only to the hosts of tollgate.order.webhooks.http-hosts), at most "
                    + "2,000 characters, without user-info; at most 10 subscriptions per client "
                    + "(tollgate.order.webhooks.per-client-max).")
    @APIResponse(responseCode = "201", description = "Registered; Location names it; the only answer with its"
            + " secret", headers = @Header(name = HttpHeaders.LOCATION, description = "The subscription's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookViews.Created.class)))
    @APIResponse(responseCode = "400", description = "startAfter is no cursor the feed gave (INVALID_FIELD)")
    @APIResponse(responseCode = "409", description = "WEBHOOKS_LIMIT_REACHED: the client has as many"
            + " subscriptions as it may; delete one first")
    @APIResponse(responseCode = "422", description = "url missing (INVALID_FIELD), too long or description too"
            + " long (LIMIT_EXCEEDED), or a url order-service does not post to (WEBHOOK_URL_NOT_ALLOWED)")
    public Response create(WebhookRequestBody body, @Context UriInfo uri) {
        WebhookRequestBody request = RequestFields.present("body", body);
        URI url = request.validatedUrl(settings.httpHosts());
        String description = request.validatedDescription();
        Long startAfter = request.startAfterPosition();
        long end = feed.end();
        if (startAfter != null && startAfter > end) {
            throw ProblemException.badRequest(WebhookRequestBody.START_AFTER,
                    "startAfter must be a cursor the change feed gave; it lies beyond the feed's end");
        }
        String id = UUID.randomUUID().toString();
        String secret = WebhookSignature.newSecret();
        String client = identity.getPrincipal().getName();
        store.create(id, client, url.toString(), description, secret, startAfter == null ? end : startAfter,
                Instant.now(), settings.perClientMax());
        worker.nudge();
        WebhookStore.Subscription created = store.byId(id, client).orElseThrow();
        return Response.created(location(uri, id)).entity(new WebhookViews.Created(created.id(), created.url(),
                created.description(), created.state(), created.createdAt(), PageCursor.encode(created.cursor()),
                secret)).build();
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.OPERATOR})
    @Operation(operationId = "listWebhooks", summary = "A page of webhook subscriptions in registration order",
            description = "An erp caller's own client's subscriptions; an operator's: every client's. Never"
                    + " a secret. At most `limit` items; `nextCursor` is null on the last page.")
    public CursorPage<WebhookViews.View> list(
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        List<WebhookStore.Subscription> rows = store.page(readScope(), PageCursor.decode(cursor), limit + 1);
        CursorPage<WebhookStore.Subscription> page = CursorPage.of(rows, limit,
                WebhookStore.Subscription::listPosition);
        return new CursorPage<>(page.items().stream().map(WebhookResource::view).toList(), page.nextCursor());
    }

    @GET
    @Path("/{webhookId}")
    @RolesAllowed({Roles.ERP, Roles.OPERATOR})
    @Operation(operationId = "getWebhook", summary = "One webhook subscription and how its delivery stands",
            description = "State (ACTIVE or SUSPENDED), the feed cursor delivered up to, the last attempt's time"
                    + " and status, failures in a row, the next attempt and why it is suspended. Never the secret.")
    @APIResponse(responseCode = "200", description = "The subscription", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookViews.View.class)))
    @APIResponse(responseCode = "404", description = "No such subscription (or, for erp, another client's)")
    public WebhookViews.View get(@PathParam("webhookId") @Size(max = WireLimits.ID_CHARS_MAX) String webhookId) {
        return view(store.byId(webhookId, readScope()).orElseThrow(() -> notFound(webhookId)));
    }

    @DELETE
    @Path("/{webhookId}")
    @RolesAllowed(Roles.ERP)
    @Operation(operationId = "deleteWebhook", summary = "Delete one's own webhook subscription",
            description = "Nothing more is posted to its endpoint once the answer is in, except a batch already"
                    + " on its way. A second delete answers 404: the subscription is gone (treat it as done).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of the caller's client (or deleted)")
    public Response delete(@PathParam("webhookId") @Size(max = WireLimits.ID_CHARS_MAX) String webhookId) {
        if (!store.delete(webhookId, identity.getPrincipal().getName())) {
            throw notFound(webhookId);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{webhookId}/resume")
    @RolesAllowed(Roles.ERP)
    @Operation(operationId = "resumeWebhook", summary = "Resume a webhook subscription: deliver again at once",
            description = "A SUSPENDED subscription becomes ACTIVE, its failures are forgotten and the batch"
                    + " that failed is sent again at once, from the cursor where delivery stopped. An ACTIVE one"
                    + " is retried at once too (a pending backoff is cut short).")
    @APIResponse(responseCode = "200", description = "ACTIVE, due now", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookViews.View.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller's client")
    public WebhookViews.View resume(@PathParam("webhookId") @Size(max = WireLimits.ID_CHARS_MAX) String webhookId) {
        String client = identity.getPrincipal().getName();
        if (!store.resume(webhookId, client, Instant.now())) {
            throw notFound(webhookId);
        }
        worker.nudge();
        return view(store.byId(webhookId, client).orElseThrow(() -> notFound(webhookId)));
    }

    @POST
    @Path("/{webhookId}/rotate-secret")
    @RolesAllowed(Roles.ERP)
    @Operation(operationId = "rotateWebhookSecret",
            summary = "Give a webhook subscription a new secret; the old one signs on for a grace period",
            description = "Answers the new secret (shown only here, as the 201 shows the first). Until"
                    + " `previousSecretExpiresAt` (tollgate.order.webhooks.secret-grace, 24 hours by default)"
                    + " every delivery carries both signatures in its one header, `t=<t>,v1=<new>,v1=<old>`:"
                    + " a receiver accepts if any v1 matches, so it can deploy the new secret before the old"
                    + " stops. Then the old secret is erased. A rotation during the grace makes the secret"
                    + " current until then the old one (with a new grace); the one before it stops signing at"
                    + " once. Each call rotates again: an answer that was lost is not repeated.")
    @APIResponse(responseCode = "200", description = "Rotated; the new secret", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookViews.SecretRotated.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of the caller's client")
    public WebhookViews.SecretRotated rotateSecret(
            @PathParam("webhookId") @Size(max = WireLimits.ID_CHARS_MAX) String webhookId) {
        String secret = WebhookSignature.newSecret();
        Instant previousUntil = Instant.now().plus(settings.secretGrace());
        if (!store.rotate(webhookId, identity.getPrincipal().getName(), secret, previousUntil)) {
            throw notFound(webhookId);
        }
        return new WebhookViews.SecretRotated(webhookId, secret, previousUntil);
    }

    /** Every client's for an operator; an erp caller's own client's otherwise. */
    private String readScope() {
        return identity.hasRole(Roles.OPERATOR) ? null : identity.getPrincipal().getName();
    }

    private static ProblemException notFound(String webhookId) {
        return ProblemException.notFound("webhook subscription", webhookId);
    }

    private static URI location(UriInfo uri, String id) {
        return uri.getBaseUriBuilder().path(ROOT).path(id).build();
    }

    private static WebhookViews.View view(WebhookStore.Subscription s) {
        return new WebhookViews.View(s.id(), s.client(), s.url(), s.description(), s.state(), s.createdAt(),
                PageCursor.encode(s.cursor()), s.lastAttemptAt(), s.lastStatus(), s.consecutiveFailures(),
                s.nextAttemptAt(), s.suspendedReason());
    }
}
