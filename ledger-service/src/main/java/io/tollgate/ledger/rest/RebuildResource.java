package io.tollgate.ledger.rest;

import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.ledger.kafka.RebuildJobs;
import io.tollgate.ledger.kafka.Rebuilder;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rebuild jobs: an operator starts one (202 with its URL) or cancels it; auditors and operators
 * follow it. The job itself runs in the background ({@link Rebuilder}).
 */
@Path("/api/v1/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rebuild", description = "Rebuild the ledger from the topics as a verified shadow generation")
public class RebuildResource {

    /** A job id is a UUID: anything else is not one this API handed out. */
    private static final String JOB_ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Rebuilder rebuilder;
    private final RebuildJobs jobs;

    @Inject
    public RebuildResource(Rebuilder rebuilder, RebuildJobs jobs) {
        this.rebuilder = rebuilder;
        this.jobs = jobs;
    }

    /**
     * A job as the API shows it.
     *
     * @param eventsPerSecond events replayed per second of the job so far (whole events)
     * @param etaSeconds      the seconds left at that rate; null once finished or before any progress
     */
    public record RebuildJobView(String id, String state, String phase, String startedBy, String startedAt,
                                 @Schema(nullable = true) String finishedAt, long eventsDone, long eventsTotal,
                                 long eventsPerSecond, @Schema(nullable = true) Long etaSeconds,
                                 @Schema(nullable = true) Rebuilder.Outcome outcome) {

        static RebuildJobView of(RebuildJobs.Job j, Instant now) {
            Instant end = j.finishedAt() == null ? now : j.finishedAt();
            long millis = Math.max(1, Duration.between(j.startedAt(), end).toMillis());
            long rate = j.eventsDone() * 1000 / millis;
            Long eta = j.finished() || rate == 0 ? null : Math.max(0, j.eventsTotal() - j.eventsDone()) / rate;
            return new RebuildJobView(j.id(), j.state().name(), j.phase().name(), j.startedBy(),
                    j.startedAt().toString(), j.finishedAt() == null ? null : j.finishedAt().toString(),
                    j.eventsDone(), j.eventsTotal(), rate, eta, j.outcome());
        }
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "startRebuild", summary = "Start a rebuild job",
            description = "Replays the topics into a shadow generation, verifies it and swaps it in; a failed "
                    + "rebuild changes nothing. Answers 202 with the job and its URL; one job at a time.")
    @APIResponse(responseCode = "202", description = "Started; Location names the job",
            headers = @Header(name = "Location", description = "The job's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildJobView.class)))
    @APIResponse(responseCode = "409", description = "REBUILD_BUSY: a rebuild is running (retry after Retry-After)")
    public Response start(@Context SecurityContext security, @Context UriInfo uri) {
        String id = rebuilder.start(security.getUserPrincipal().getName());
        URI location = uri.getBaseUriBuilder().path("api/v1/rebuild").path(id).build();
        return Response.accepted(view(id)).location(location).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.OPERATOR})
    @Operation(operationId = "getRebuild", summary = "One rebuild job's progress and outcome",
            description = "State and phase, events done of the total, rate and estimated seconds left, and the "
                    + "outcome once finished. Not cached (it changes while the job runs).")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildJobView.class)))
    @APIResponse(responseCode = "404", description = "REBUILD_NOT_FOUND")
    public RebuildJobView get(@PathParam("id") String id) {
        return view(id);
    }

    /** Asks the job to stop; 202 with the job as it is now, 409 once it has finished. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "cancelRebuild", summary = "Ask a running rebuild job to stop",
            description = "The job stops at its next step and changes nothing; answers the job as it is now.")
    @APIResponse(responseCode = "202", description = "Stop requested", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RebuildJobView.class)))
    @APIResponse(responseCode = "404", description = "REBUILD_NOT_FOUND")
    @APIResponse(responseCode = "409", description = "REBUILD_FINISHED: the job has already ended")
    public Response cancel(@PathParam("id") String id) {
        RebuildJobView before = view(id);
        if (!rebuilder.cancel(id)) {
            throw new ProblemException(409, "REBUILD_FINISHED", "id", "rebuild " + id + " has already ended as "
                    + before.state());
        }
        return Response.accepted(view(id)).build();
    }

    private RebuildJobView view(String id) {
        if (id == null || !id.matches(JOB_ID)) {
            throw new ProblemException(404, "REBUILD_NOT_FOUND", "id", "no rebuild job " + id);
        }
        return jobs.find(id).map(j -> RebuildJobView.of(j, Instant.now()))
                .orElseThrow(() -> new ProblemException(404, "REBUILD_NOT_FOUND", "id", "no rebuild job " + id));
    }
}
