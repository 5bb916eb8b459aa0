package io.tollgate.eventing.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.tollgate.contracts.ContractViolationException;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.error.Transience;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every refusal into {@code application/problem+json} naming the field and the rule. Unknown
 * failures answer 500 with a reference to the log line, never with internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /**
     * What a 503 asks the client to wait: PostgreSQL restarts and fail-overs here take seconds. The
     * header itself comes from TEMPORARILY_UNAVAILABLE's catalogue entry, which must say the same.
     */
    static final int RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(403, "FORBIDDEN", null, "your role may not do this", uri);
    }

    private static Response unauthenticated(UriInfo uri) {
        // Says what is missing, never why a given credential failed (no oracle for guessing).
        Response problem = respond(401, "UNAUTHENTICATED", null,
                "authentication required: a bearer token, or Basic credentials on the local stack", uri);
        return Response.fromResponse(problem)
                .header("WWW-Authenticate", "Bearer realm=\"tollgate\", Basic realm=\"tollgate\"").build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status(), e.code(), e.field(), e.getMessage(), uri);
    }

    /**
     * A Bean Validation refusal: 400 naming a request parameter, 422 naming a body field's JSON
     * path (see {@link Violations}). A violated return value is our bug and answers 500.
     */
    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, UriInfo uri) {
        return Violations.problemOf(e.getConstraintViolations())
                .map(problem -> problem(problem, uri))
                .orElseGet(() -> internal(e, uri));
    }

    @ServerExceptionMapper
    public Response contract(ContractViolationException e, UriInfo uri) {
        return respond(400, "INVALID_FIELD", e.field(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return problem(asProblem(e), uri);
    }

    /**
     * What a JSON body that cannot be read is answered: the field at fault and why, 400 for a
     * missing, malformed or mistyped value, 422 for a field this API does not know. Also used for
     * JSON read outside a request body's binding (a line of a batch).
     */
    public static ProblemException asProblem(JsonProcessingException e) {
        ContractViolationException contract = findContractViolation(e);
        if (contract != null) {
            String prefix = e instanceof JsonMappingException m ? path(m) : "";
            String field = prefix.isEmpty() ? contract.field()
                    : prefix.endsWith(contract.field()) ? prefix : prefix + "." + contract.field();
            return new ProblemException(400, "INVALID_FIELD", field, field + " " + ruleOf(contract));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            // 422: the JSON is well-formed, but a field this API does not know (often a typo) is refused
            // rather than ignored, so it cannot silently switch a rule off.
            return new ProblemException(422, "UNKNOWN_FIELD", path(u), "unknown field " + path(u));
        }
        if (e instanceof InvalidFormatException f) {
            return new ProblemException(400, "INVALID_FIELD", path(f), path(f)
                    + " has the wrong type or format: expected " + f.getTargetType().getSimpleName());
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m);
            String detail = field.isEmpty() ? "request body does not match the expected shape"
                    : field + " is missing or has the wrong type";
            return new ProblemException(400, "INVALID_FIELD", field.isEmpty() ? "body" : field, detail);
        }
        if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
            return new ProblemException(400, "INVALID_FIELD", path(m), path(m) + " is invalid");
        }
        return new ProblemException(400, "MALFORMED_JSON", "body", "request body is not valid JSON: "
                + firstLine(e.getOriginalMessage()));
    }

    /** The problem body {@code e} is answered with at {@code instance} (a path, or null). */
    public static Problem problemOf(ProblemException e, String instance) {
        return body(e.status(), e.code(), e.field(), e.getMessage(), instance);
    }

    // Quarkus REST ships mappers for these subtypes that answer plain JSON; ours must be as specific.
    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response parse(com.fasterxml.jackson.core.JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e, uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException j) {
            return json(j, uri);
        }
        // A parameter converter's refusal arrives wrapped in JAX-RS's 404 or 400 (WholeNumberParams).
        ProblemException refused = findProblem(e);
        if (refused != null) {
            return problem(refused, uri);
        }
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "BODY_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            default -> "BAD_REQUEST";
        };
        String detail = e.getMessage() == null || e.getMessage().startsWith("HTTP ")
                ? Response.Status.fromStatusCode(status) == null ? "request refused"
                : Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return respond(status, code, null, detail, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        ContractViolationException contract = findContractViolation(e);
        if (contract != null) {
            return contract(contract, uri);
        }
        ProblemException problem = findProblem(e);
        if (problem != null) {
            return problem(problem, uri);
        }
        if (Transience.isTransient(e)) {
            return unavailable(e, uri);
        }
        return internal(e, uri);
    }

    /**
     * The database or broker is away for a moment (connection ended, pool exhausted, fail-over):
     * nothing was acknowledged, so the client may safely send the same request again with its
     * Idempotency-Key. Never an internal error, which would say the request itself was at fault.
     */
    private Response unavailable(Throwable e, UriInfo uri) {
        LOG.warnf("request %s could not be served now: %s", uri == null ? "?" : uri.getPath(),
                Causes.describe(e));
        return respond(503, "TEMPORARILY_UNAVAILABLE", null,
                "the service's database or broker is briefly unavailable; retry with the same"
                        + " Idempotency-Key after " + RETRY_AFTER_SECONDS + " s", uri);
    }

    private Response internal(Throwable e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed (reference %s)", uri == null ? "?" : uri.getPath(), reference);
        return respond(500, "INTERNAL_ERROR", null, "internal error; reference " + reference, uri);
    }

    /**
     * The problem+json answer. Its {@code type} is the code's entry in the {@link ProblemCatalogue};
     * a code the catalogue marks as worth retrying (busy, unavailable) carries {@code Retry-After}.
     */
    static Response respond(int status, String code, String field, String detail, UriInfo uri) {
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(body(status, code, field, detail, uri == null ? null : uri.getPath()));
        ProblemCatalogue.instance().byCode(code).map(ProblemCatalogue.Entry::retryAfterSeconds)
                .ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.build();
    }

    private static Problem body(int status, String code, String field, String detail, String instance) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (ProblemCatalogue.instance().byCode(code).isEmpty()) {
            // ProblemCatalogueTest fails the build first; this only keeps a stray code visible.
            LOG.warnf("problem code %s is not in the error catalogue", code);
        }
        return new Problem(ProblemCatalogue.typeOf(code), known == null ? "Error" : known.getReasonPhrase(),
                status, detail, code, field == null || field.isEmpty() ? null : field, instance);
    }

    private static ContractViolationException findContractViolation(Throwable e) {
        return Causes.find(e, ContractViolationException.class).orElse(null);
    }

    private static ProblemException findProblem(Throwable e) {
        return Causes.find(e, ProblemException.class).orElse(null);
    }

    private static String ruleOf(ContractViolationException e) {
        String message = e.getMessage();
        return message.startsWith(e.field() + " ") ? message.substring(e.field().length() + 1) : message;
    }

    static String path(JsonMappingException e) {
        return io.tollgate.contracts.WireJson.pathOf(e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
