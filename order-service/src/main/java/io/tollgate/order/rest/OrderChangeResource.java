package io.tollgate.order.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.ListOrderChangesQuery;
import io.tollgate.order.api.OrderChangePage;
import io.tollgate.order.query.FeedSignal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The order change feed: every change of every order the caller may read, in one order, after a
 * cursor, so an ERP follows all its orders with one request at a time instead of polling each. Two
 * ways to read it: pages (with an optional long-poll wait for the next change) and a stream of
 * server-sent events. Both resume from a cursor the feed gave; the feed never ends, so every page
 * carries the cursor to resume from, even an empty one. An {@code erp} caller reads its own
 * client's orders' changes; the order desk, treasury and auditors read everyone's.
 */
@Path("/api/v1/order-changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders")
public class OrderChangeResource {

    /** The longest a page request may wait for a change. */
    public static final int WAIT_SECONDS_MAX = 30;
    /** How often a waiting reader looks again for changes another instance committed. */
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    private static final String WAIT = "waitSeconds";
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final QueryGateway queries;
    private final SecurityIdentity identity;
    private final FeedSignal signal;
    private final int waitersMax;
    private final int streamsMax;
    private final Duration streamPoll;
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicInteger streams = new AtomicInteger();

    public OrderChangeResource(QueryGateway queries, SecurityIdentity identity, FeedSignal signal,
                               MeterRegistry meters,
                               @ConfigProperty(name = "tollgate.order.feed.waiters-max") int waitersMax,
                               @ConfigProperty(name = "tollgate.order.feed.streams-max") int streamsMax,
                               @ConfigProperty(name = "tollgate.order.feed.stream-poll") Duration streamPoll) {
        this.queries = queries;
        this.identity = identity;
        this.signal = signal;
        this.waitersMax = waitersMax;
        this.streamsMax = streamsMax;
        this.streamPoll = streamPoll;
        Gauge.builder("tollgate.order.feed.waiting", waiters, AtomicInteger::get)
                .description("Change-feed page requests waiting for the next change").register(meters);
        Gauge.builder("tollgate.order.feed.streams", streams, AtomicInteger::get)
                .description("Change-feed event streams open").register(meters);
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(operationId = "listOrderChanges", summary = "Order changes after a cursor, oldest first",
            description = "Every change of every order the caller may read (erp: its own client's), in one "
                    + "order. With waitSeconds (at most 30) and nothing after the cursor yet, the answer waits "
                    + "for the next change. The feed never ends: nextCursor is always given, on an empty page "
                    + "too; pass it back to continue.")
    @APIResponse(responseCode = "200", description = "The changes (maybe none) and the cursor to resume from")
    @APIResponse(responseCode = "400", description = "A cursor the feed did not give, or limit or waitSeconds"
            + " out of range")
    @APIResponse(responseCode = "429", description = "Too many readers waiting at once; ask again without"
            + " waitSeconds or later")
    public CursorPage<OrderChangeView> changes(
            @QueryParam(PageCursor.CURSOR) String cursor,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(WAIT) @DefaultValue("0") @Min(0) @Max(WAIT_SECONDS_MAX) int waitSeconds) {
        long after = PageCursor.decode(cursor);
        String scope = ReadScope.of(identity);
        if (waitSeconds == 0) {
            return page(read(after, scope, limit));
        }
        if (waiters.incrementAndGet() > waitersMax) {
            waiters.decrementAndGet();
            throw ProblemException.limitExceeded(429, WAIT, "at most " + waitersMax
                    + " readers may wait for changes at once (tollgate.order.feed.waiters-max)");
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
            while (true) {
                long seen = signal.seen();
                OrderChangePage page = read(after, scope, limit);
                long left = deadline - System.nanoTime();
                if (!page.items().isEmpty() || left <= 0) {
                    return page(page);
                }
                if (!signal.await(seen, LOOK_AGAIN.toNanos() < left ? LOOK_AGAIN : Duration.ofNanos(left))) {
                    return page(page); // interrupted: answer what there is
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }

    /**
     * The same changes as server-sent events ({@code event: order-change}, {@code id} its cursor,
     * JSON data), as they come, for as long as the client stays. Starts after {@code cursor}, or
     * after the {@code Last-Event-ID} a reconnecting client sends (which wins), or at the beginning.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.ERP, Roles.ORDER_DESK, Roles.TREASURY, Roles.AUDITOR})
    @Operation(operationId = "streamOrderChanges",
            summary = "Order changes as server-sent events from a cursor or Last-Event-ID, as they come",
            description = "Each event is `event: order-change`, `id:` the change's cursor, `data:` the change "
                    + "as listOrderChanges gives it. A reconnecting client's Last-Event-ID wins over cursor.")
    @APIResponse(responseCode = "200", description = "An endless stream of order-change events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A cursor or Last-Event-ID the feed did not give")
    @APIResponse(responseCode = "429", description = "Too many streams open at once")
    public Multi<OutboundSseEvent> stream(@QueryParam(PageCursor.CURSOR) String cursor,
                                          @HeaderParam(LAST_EVENT_ID) String lastEventId,
                                          @Context Sse sse) {
        long start = lastEventId != null && !lastEventId.isEmpty() ? PageCursor.decode(lastEventId)
                : PageCursor.decode(cursor);
        String scope = ReadScope.of(identity);
        if (streams.incrementAndGet() > streamsMax) {
            streams.decrementAndGet();
            throw ProblemException.limitExceeded(429, null, "at most " + streamsMax
                    + " change streams may be open at once (tollgate.order.feed.streams-max)");
        }
        AtomicLong after = new AtomicLong(start);
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(streamPoll)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToIterable(tick -> {
                    OrderChangePage page = read(after.get(), scope, PageCursor.LIMIT_MAX);
                    after.set(page.last());
                    return page.items().stream().map(OrderChangeView::of)
                            .map(change -> sse.newEventBuilder().id(change.cursor()).name("order-change")
                                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                    .data(OrderChangeView.class, change).build())
                            .toList();
                })
                .onTermination().invoke(streams::decrementAndGet);
    }

    private OrderChangePage read(long after, String scope, int limit) {
        return queries.query(new ListOrderChangesQuery(after, scope, limit),
                ResponseTypes.instanceOf(OrderChangePage.class)).join();
    }

    private static CursorPage<OrderChangeView> page(OrderChangePage page) {
        List<OrderChangeView> items = page.items().stream().map(OrderChangeView::of).toList();
        return new CursorPage<>(items, PageCursor.encode(page.last()));
    }
}
