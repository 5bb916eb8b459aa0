package io.tollgate.ledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireJson;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.console.ConsoleViews.Drilldown;
import io.tollgate.ledger.console.ConsoleViews.Money;
import io.tollgate.ledger.console.ConsoleViews.Operations;
import io.tollgate.ledger.console.ConsoleViews.Part;
import io.tollgate.ledger.console.ConsoleViews.Refusal;
import io.tollgate.ledger.console.ConsoleViews.Snapshot;
import io.tollgate.ledger.journal.JournalQueries;
import io.tollgate.ledger.posting.LedgerLimits;
import io.tollgate.ledger.rest.LedgerViews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The console's data: operations (counts, lags, dead letters, latencies) for operators and
 * auditors, money (revenue share and exposure) for auditors and treasury, a per-order drill-down,
 * and a server-sent event stream of both sections, each checked against the caller's roles here
 * and again by every service the figures come from. The page itself is {@code /console/}.
 */
@Path("/api/v1/console")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console", description = "The figures of the built-in console page")
public class ConsoleResource {

    /** Characters an order id may have here; it goes into the path of calls to the other services. */
    static final String ORDER_ID_PATTERN = "[A-Za-z0-9._:-]+";

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);

    private final ConsoleFigures figures;
    private final JournalQueries journal;
    private final Duration refresh;
    private final Duration streamMax;
    private final int streamsMax;
    private final AtomicInteger streams = new AtomicInteger();

    @Inject
    public ConsoleResource(ConsoleFigures figures, JournalQueries journal,
                           @ConfigProperty(name = "tollgate.console.refresh") Duration refresh,
                           @ConfigProperty(name = "tollgate.console.stream-max") Duration streamMax,
                           @ConfigProperty(name = "tollgate.console.streams-max") int streamsMax) {
        this.figures = figures;
        this.journal = journal;
        this.refresh = refresh;
        this.streamMax = streamMax;
        this.streamsMax = streamsMax;
    }

    @GET
    @Path("/operations")
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR})
    @Operation(operationId = "getConsoleOperations", summary = "Operations figures of the whole system",
            description = "Counts, consumer lags, dead letters and latencies gathered from the three services "
                    + "with the caller's credentials (their own role checks apply).")
    public Operations operations(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return figures.operations(authorization);
    }

    @GET
    @Path("/money")
    @RolesAllowed({Roles.AUDITOR, Roles.TREASURY})
    @Operation(operationId = "getConsoleMoney", summary = "Revenue share and exposure figures",
            description = "Revenue share due, paid and outstanding and the exposure by customer, from the "
                    + "ledger and order-service.")
    public Money money(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return figures.money(authorization);
    }

    /**
     * One order across the services. The order and its application come from order-service and
     * regulator-service with the caller's credentials (their own role checks apply); the ledger's
     * entries are read here and need the auditor role, as {@code /api/v1/orders/{id}/entries} does.
     */
    @GET
    @Path("/orders/{orderId}")
    @RolesAllowed({Roles.AUDITOR, Roles.TREASURY})
    @Operation(operationId = "getConsoleOrder", summary = "One order across the three services",
            description = "The order (order-service), its application (regulator-service) and its ledger "
                    + "entries; a part the caller may not see carries the refusal instead of data.")
    public Drilldown order(@PathParam("orderId") @Size(max = LedgerLimits.ORDER_ID_LENGTH_MAX)
                           @Pattern(regexp = ORDER_ID_PATTERN) String orderId,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @Context SecurityContext caller) {
        Part order = part(figures.order(orderId, authorization));
        Part application = part(figures.application(orderId, authorization));
        Part ledger;
        if (caller.isUserInRole(Roles.AUDITOR)) {
            JsonNode entries = WireJson.mapper().valueToTree(new LedgerViews.OrderEntries(orderId,
                    journal.orderEntries(orderId).stream().map(LedgerViews.EntryLine::of).toList()));
            ledger = new Part(ConsoleFigures.LEDGER, entries, null);
        } else {
            ledger = new Part(ConsoleFigures.LEDGER, null, new Refusal(ConsoleFigures.LEDGER, 403,
                    "ledger entries need the auditor role"));
        }
        return new Drilldown(orderId, order, application, ledger);
    }

    /**
     * Every {@code tollgate.console.refresh} an event with the sections the caller may see (the
     * other section is null), for at most {@code tollgate.console.stream-max}; the page then opens
     * a new stream. At most {@code tollgate.console.streams-max} streams are open at once.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.AUDITOR, Roles.TREASURY})
    @Operation(operationId = "streamConsole", summary = "Server-sent events of the console's sections",
            description = "Every refresh interval an event with the sections the caller may see; the stream "
                    + "ends after the configured maximum and the page opens a new one. At most "
                    + "`tollgate.console.streams-max` streams at once (429 LIMIT_EXCEEDED beyond).")
    @APIResponse(responseCode = "200", description = "The event stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = Snapshot.class)))
    @APIResponse(responseCode = "429", description = "LIMIT_EXCEEDED: too many streams are open")
    public Multi<Snapshot> stream(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @Context SecurityContext caller) {
        boolean operations = caller.isUserInRole(Roles.OPERATOR) || caller.isUserInRole(Roles.AUDITOR);
        boolean money = caller.isUserInRole(Roles.AUDITOR) || caller.isUserInRole(Roles.TREASURY);
        if (streams.incrementAndGet() > streamsMax) {
            streams.decrementAndGet();
            throw ProblemException.limitExceeded(429, null, "at most " + streamsMax
                    + " console streams may be open at once (tollgate.console.streams-max)");
        }
        AtomicLong sequence = new AtomicLong();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(refresh)
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> snapshot(sequence.incrementAndGet(), operations, money, authorization))
                .select().first(streamMax)
                .onTermination().invoke(streams::decrementAndGet);
    }

    private Snapshot snapshot(long sequence, boolean operations, boolean money, String authorization) {
        String at = Instant.now().toString();
        try {
            return new Snapshot(at, sequence, operations ? figures.operations(authorization) : null,
                    money ? figures.money(authorization) : null, null);
        } catch (RuntimeException e) {
            // A refresh that fails (the database busy, a peer's answer unreadable) must not end the
            // stream: the page shows why, and the next refresh tries again.
            LOG.warnf(e, "console refresh %d failed", sequence);
            return new Snapshot(at, sequence, null, null, "this refresh failed: " + e.getMessage());
        }
    }

    private static Part part(PeerServices.Reply reply) {
        return reply.ok() ? new Part(reply.service(), reply.json(), null)
                : new Part(reply.service(), null, new Refusal(reply.service(), reply.status(), reply.problem()));
    }
}
