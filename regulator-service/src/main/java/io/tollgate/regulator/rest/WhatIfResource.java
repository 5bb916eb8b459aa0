package io.tollgate.regulator.rest;

import io.tollgate.contracts.Roles;
import io.tollgate.eventing.rest.PageCursor;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.regulator.policy.InvalidPolicyException;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyValidator;
import io.tollgate.regulator.whatif.WhatIfReport;
import io.tollgate.regulator.whatif.WhatIfRuns;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a draft policy version would have decided: the recorded decisions of past applications,
 * read from the event store, beside the draft's verdicts (docs/policy-what-if.md). Stores nothing.
 */
@Path("/api/v1/policy/what-if")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "policy", description = "The authorization policy in force and its adopted versions")
public class WhatIfResource {

    private static final String FROM = "requestedFrom";
    private static final String TO = "requestedTo";

    private final WhatIfRuns runs;

    public WhatIfResource(WhatIfRuns runs) {
        this.runs = runs;
    }

    @POST
    @RolesAllowed({Roles.COMPLIANCE, Roles.AUDITOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "runPolicyWhatIf",
            summary = "Run a draft policy version over past applications: which decisions would change, and why",
            description = "The body is a whole policy version, as a proposal takes it, validated the same way; "
                    + "it is neither proposed nor stored. The applications whose orders were requested in "
                    + "[requestedFrom, requestedTo) are read from the event store in the order received, at most `limit` "
                    + "of them (follow `nextCursor` for the rest). Each decision the rules recorded is compared "
                    + "with the draft's verdict on the same facts and the customer's register entry as it stood "
                    + "then; an officer's decision is listed beside the draft's verdict, not compared. Nothing "
                    + "is decided, stored or published.")
    @APIResponse(responseCode = "200", description = "The totals, every changed decision and every officer's "
            + "decision of the applications read", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WhatIfReport.class)))
    @APIResponse(responseCode = "400", description = "requestedFrom, requestedTo, limit or cursor breaks its "
            + "rule (problem+json naming it)")
    @APIResponse(responseCode = "422", description = "The draft breaks a rule of policy versions (problem+json "
            + "naming the field)")
    @APIResponse(responseCode = "503", description = "WHAT_IF_BUSY: as many runs as the service allows are under "
            + "way; retry after Retry-After")
    public WhatIfReport run(
            @Parameter(description = "First request instant read (inclusive), ISO-8601; absent: the first")
            @QueryParam(FROM) String requestedFrom,
            @Parameter(description = "End of the request instants read (exclusive), ISO-8601; absent: the last")
            @QueryParam(TO) String requestedTo,
            @Parameter(description = "Most applications read, 1 to " + WhatIfRuns.APPLICATIONS_MAX)
            @QueryParam(PageCursor.LIMIT) @DefaultValue(WhatIfRuns.APPLICATIONS_DEFAULT_TEXT) @Min(1)
            @Max(WhatIfRuns.APPLICATIONS_MAX) int limit,
            @QueryParam(PageCursor.CURSOR) String cursor,
            Policy draft) {
        Instant from = instant(FROM, requestedFrom);
        Instant to = instant(TO, requestedTo);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest(TO, "requestedTo must be after requestedFrom");
        }
        long after = PageCursor.decode(cursor);
        return runs.run(validated(draft), from, to, after, limit);
    }

    /** The proposal's rules, answered as a body's are: 422 naming the field. */
    private static Policy validated(Policy draft) {
        if (draft == null) {
            throw new ProblemException(422, "INVALID_FIELD", "body", "a draft policy version is required");
        }
        try {
            PolicyValidator.validate(draft);
        } catch (InvalidPolicyException e) {
            throw new ProblemException(422, "INVALID_FIELD", e.field(), e.getMessage());
        }
        return draft;
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant such as "
                    + "2026-01-15T05:00:00Z");
        }
    }
}
