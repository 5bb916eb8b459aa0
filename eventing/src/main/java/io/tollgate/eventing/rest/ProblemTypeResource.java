package io.tollgate.eventing.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the error catalogue, so every problem {@code type} a response carries resolves to its entry
 * on the service that answered. Public: it describes the API, never data.
 */
@Path("/problems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "problems", description = "The error catalogue: every problem type and code")
public class ProblemTypeResource {

    /** The operations anyone may call (no credentials): the OpenAPI filter documents them so. */
    public static final List<String> PUBLIC_OPERATIONS = List.of("listProblemTypes", "getProblemType");

    static final int SLUG_CHARS_MAX = 64;

    /** The catalogue in one body. */
    public record ProblemTypes(List<ProblemCatalogue.Entry> problems) {
    }

    @GET
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(operationId = "listProblemTypes", summary = "The error catalogue",
            description = "Every problem type this service can answer: its code, HTTP statuses, what it "
                    + "means and, for answers worth retrying, the Retry-After seconds.")
    public ProblemTypes list() {
        return new ProblemTypes(ProblemCatalogue.instance().entries());
    }

    @GET
    @Path("/{slug}")
    @PermitAll
    @SecurityRequirementsSet({})
    @Operation(operationId = "getProblemType", summary = "One problem type",
            description = "The entry a problem's `type` URI names, e.g. `/problems/invalid-field`.")
    @APIResponse(responseCode = "200", description = "The problem type", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProblemCatalogue.Entry.class)))
    @APIResponse(responseCode = "404", description = "No problem type of that name")
    public ProblemCatalogue.Entry one(@PathParam("slug") @Size(max = SLUG_CHARS_MAX) String slug) {
        return ProblemCatalogue.instance().bySlug(slug)
                .orElseThrow(() -> ProblemException.notFound("problem type", String.valueOf(slug)));
    }
}
