package io.tollgate.regulator.rest;

import io.tollgate.contracts.CatalogueProduct;
import io.tollgate.contracts.ProductCatalogue;
import io.tollgate.contracts.Roles;
import io.tollgate.eventing.axon.ConcurrencyRetry;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.CursorPage;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.rest.Replayed;
import io.tollgate.eventing.rest.openapi.ContractFilter;
import io.tollgate.regulator.api.Quarter;
import io.tollgate.regulator.api.UsShipmentReportIdReusedException;
import io.tollgate.regulator.api.UsVolumeId;
import io.tollgate.regulator.command.PolicyBootstrap;
import io.tollgate.regulator.command.UsVolume;
import io.tollgate.regulator.command.UsVolumeCounts;
import io.tollgate.regulator.command.UsVolumeWaits;
import io.tollgate.regulator.query.UsShipmentReportView;
import io.tollgate.regulator.query.UsVolumeQueries;
import io.tollgate.regulator.query.UsVolumeView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The US-volume feed: the exporter's ERP reports units shipped to US end-use customers per product
 * class and quarter (idempotent by its report id), and the figures the cap decides by.
 */
@Path("/api/v1/us-volume")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "us-volume", description = "US shipments reported by the ERP, and the 50% US-volume cap they set")
public class UsVolumeResource {

    private static final Logger LOG = Logger.getLogger(UsVolumeResource.class);
    static final String REPORT_ID_PATTERN = "[A-Za-z0-9._:-]{1,100}";
    static final int REFERENCE_MAX = 200;
    static final int PRODUCT_CLASS_MAX = 200;
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Body of POST /reports.
     *
     * @param reportId     the ERP's id of the report: a repeat with the same figures is answered
     *                     as recorded, with other figures refused
     * @param productClass the product catalogue's model, e.g. {@code H200} or {@code Instinct MI325X}
     * @param period       the calendar quarter (UTC) the units were shipped in, e.g. {@code 2026-Q1}
     * @param units        units shipped to US end-use customers, 1 to 1,000,000,000
     * @param reference    the ERP's own reference (delivery or invoice batch), at most 200 characters
     */
    public record UsShipmentReportRequest(String reportId, String productClass, String period, Long units,
                                          String reference) {
    }

    private final UsVolumeCounts counts;
    private final UsVolumeWaits waits;
    private final UsVolumeQueries queries;
    private final PolicyBootstrap policies;
    private final Clock clock = Clock.systemUTC();

    public UsVolumeResource(UsVolumeCounts counts, UsVolumeWaits waits, UsVolumeQueries queries,
                            PolicyBootstrap policies) {
        this.counts = counts;
        this.waits = waits;
        this.queries = queries;
        this.policies = policies;
    }

    @POST
    @Path("/reports")
    @RolesAllowed(Roles.ERP)
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ContractFilter.REPLAYED, value = "true")
    @Operation(operationId = "reportUsShipments", summary = "Report units shipped to US end-use customers",
            description = "Adds `units` of one product class (the catalogue's model) to the US shipments of a "
                    + "calendar quarter; applications of that class and quarter waiting for US volume are then "
                    + "decided, oldest first. Idempotent by `reportId`: the same report again answers 200 with "
                    + "the stored report (`Idempotent-Replayed: true`); the same id with other figures is "
                    + "refused. Reports only add: a correction is a new report of the difference, never below "
                    + "zero (not supported).")
    @APIResponse(responseCode = "201", description = "Recorded; Location names the report",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The report's URL",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UsShipmentReportView.class)))
    @APIResponse(responseCode = "200", description = "Recorded before (the same report again)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsShipmentReportView.class)))
    @APIResponse(responseCode = "409", description = "US_SHIPMENT_REPORT_ID_REUSED: the id was used for other "
            + "figures; CONCURRENT_UPDATE (retry after Retry-After)")
    @APIResponse(responseCode = "422", description = "INVALID_FIELD or LIMIT_EXCEEDED naming the field")
    public Response report(UsShipmentReportRequest body, @Context UriInfo uri) {
        UsShipmentReportRequest r = validated(Problems.body(body));
        Optional<UsShipmentReportView> before = queries.report(r.reportId());
        if (before.isPresent()) {
            return repeat(before.get(), r, uri);
        }
        boolean recorded;
        try {
            recorded = ConcurrencyRetry.run("US volume of " + r.productClass() + " in " + r.period(),
                    () -> counts.report(r.productClass(), r.period(), r.reportId(), r.units(), r.reference()));
        } catch (UsShipmentReportIdReusedException e) {
            throw reused(e.getMessage());
        } catch (RuntimeException e) {
            if (!UNIQUE_VIOLATION.equals(Causes.sqlState(e).orElse(null))) {
                throw e;
            }
            // The same id was recorded concurrently for another class or period: answer as a repeat.
            return repeat(queries.report(r.reportId()).orElseThrow(() -> e), r, uri);
        }
        UsShipmentReportView stored = queries.report(r.reportId()).orElseThrow();
        if (recorded) {
            decideWaiting(UsVolumeId.of(r.productClass(), r.period()));
        }
        return answer(stored, !recorded, uri);
    }

    @GET
    @Path("/reports/{reportId}")
    @RolesAllowed({Roles.ERP, Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "getUsShipmentReport", summary = "One US shipment report as recorded",
            description = "The report the ERP posted under this id, with who posted it and when.")
    @APIResponse(responseCode = "200", description = "The report", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsShipmentReportView.class)))
    @APIResponse(responseCode = "404", description = "No report with this id")
    public UsShipmentReportView getReport(@PathParam("reportId") @Pattern(regexp = REPORT_ID_PATTERN) String reportId) {
        return queries.report(reportId).orElseThrow(() -> ProblemException.notFound("US shipment report", reportId));
    }

    @GET
    @RolesAllowed({Roles.ERP, Roles.COMPLIANCE, Roles.AUDITOR})
    @Operation(operationId = "listUsVolumes", summary = "US units, authorizations and headroom per product class "
            + "and quarter", description = "A page of product classes and quarters with US shipments reported, "
            + "oldest first, optionally of one class or quarter: units reported, units authorized to the capped "
            + "destinations, applications waiting, and under the cap of the version in force now its ratio, the "
            + "units it allows and the headroom a new order still has (negative: the waiting applications need "
            + "that many more). Follow `nextCursor`.")
    public CursorPage<UsVolumeView> list(
            @QueryParam("productClass") @Size(min = 1, max = PRODUCT_CLASS_MAX) String productClass,
            @QueryParam("period") @Pattern(regexp = "[0-9]{4}-Q[1-4]") String period,
            @QueryParam(PageCursor.LIMIT) @DefaultValue(PageCursor.LIMIT_DEFAULT_TEXT) @Min(1)
            @Max(PageCursor.LIMIT_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor) {
        return queries.volumes(productClass, period, policies.current(), PageCursor.decode(cursor), limit);
    }

    /** A report's figures are in; the queue of its class and period is decided (the sweep retries a failure). */
    private void decideWaiting(String volumeId) {
        try {
            waits.pass(volumeId);
        } catch (RuntimeException e) {
            LOG.warnf("waiting applications of %s not decided after a report (the next sweep decides them): %s",
                    volumeId, e.toString());
        }
    }

    private Response repeat(UsShipmentReportView stored, UsShipmentReportRequest r, UriInfo uri) {
        boolean same = stored.productClass().equals(r.productClass()) && stored.period().equals(r.period())
                && stored.units() == r.units() && Objects.equals(stored.reference(), r.reference());
        if (!same) {
            throw reused("Report " + r.reportId() + " was recorded for " + stored.units() + " units of "
                    + stored.productClass() + " in " + stored.period() + " (reference " + stored.reference()
                    + "); a report id is never reused for other figures");
        }
        return answer(stored, true, uri);
    }

    private static Response answer(UsShipmentReportView stored, boolean replayed, UriInfo uri) {
        Response.ResponseBuilder answer = (replayed ? Response.ok(stored) : Response.status(201).entity(stored))
                .location(uri.getBaseUriBuilder().path("api/v1/us-volume/reports").path(stored.reportId()).build());
        return Replayed.mark(answer, replayed).build();
    }

    private static ProblemException reused(String detail) {
        return new ProblemException(409, "US_SHIPMENT_REPORT_ID_REUSED", "reportId", detail);
    }

    private UsShipmentReportRequest validated(UsShipmentReportRequest r) {
        if (r.reportId() == null || !r.reportId().matches(REPORT_ID_PATTERN)) {
            throw invalid("reportId", "reportId is required: 1 to 100 letters, digits or . _ : -");
        }
        List<String> models = ProductCatalogue.standard().products().stream().map(CatalogueProduct::model).toList();
        if (r.productClass() == null || !models.contains(r.productClass())) {
            throw invalid("productClass", "productClass must be a model of the product catalogue: " + models);
        }
        if (r.period() == null || !UsVolumeId.PERIOD.matcher(r.period()).matches()) {
            throw invalid("period", "period must be a calendar quarter such as 2026-Q1");
        }
        String current = Quarter.of(clock.instant());
        if (r.period().compareTo(current) > 0) {
            throw invalid("period", "period " + r.period() + " has not begun (it is " + current + "): units are"
                    + " reported once shipped");
        }
        if (r.units() == null || r.units() < 1) {
            throw invalid("units", "units must be a whole number of at least 1");
        }
        if (r.units() > UsVolume.REPORT_UNITS_MAX) {
            throw ProblemException.limitExceeded(422, "units", "units must be at most " + UsVolume.REPORT_UNITS_MAX);
        }
        if (r.reference() != null && r.reference().isBlank()) {
            throw invalid("reference", "reference must not be blank when present");
        }
        if (r.reference() != null && r.reference().length() > REFERENCE_MAX) {
            throw ProblemException.limitExceeded(422, "reference", "reference must be at most " + REFERENCE_MAX
                    + " characters");
        }
        return r;
    }

    private static ProblemException invalid(String field, String detail) {
        return new ProblemException(422, "INVALID_FIELD", field, detail);
    }
}
