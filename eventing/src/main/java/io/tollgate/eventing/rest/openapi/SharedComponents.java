package io.tollgate.eventing.rest.openapi;

import io.tollgate.eventing.rest.ETags;
import io.tollgate.eventing.rest.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The parts of the OpenAPI document every service shares, described once: the {@link Problem}
 * schema, the error answers any operation can give, the response headers of the conventions
 * (ETag, Retry-After, Idempotent-Replayed) and the two security schemes.
 */
final class SharedComponents {

    static final String PROBLEM = "Problem";
    static final String UNAUTHENTICATED = "Unauthenticated";
    static final String FORBIDDEN = "Forbidden";
    static final String BAD_REQUEST = "BadRequest";
    static final String BODY_TOO_LARGE = "BodyTooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String UNPROCESSABLE = "UnprocessableBody";
    static final String INTERNAL_ERROR = "InternalError";
    static final String UNAVAILABLE = "Unavailable";
    static final String NOT_ACCEPTABLE = "NotAcceptable";
    static final String PRECONDITION_FAILED = "PreconditionFailed";
    static final String NOT_MODIFIED = "NotModified";
    static final String RETRY_AFTER = "Retry-After";
    static final String ETAG = "ETag";
    static final String IDEMPOTENT_REPLAYED = io.tollgate.eventing.rest.Replayed.HEADER;

    /** The shared parts only some documents use; everything else a document declares stays. */
    private static final Set<String> OPTIONAL = Set.of(UNAUTHENTICATED, FORBIDDEN, BAD_REQUEST, BODY_TOO_LARGE,
            UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE, NOT_ACCEPTABLE, PRECONDITION_FAILED, NOT_MODIFIED,
            RETRY_AFTER, ETAG, IDEMPOTENT_REPLAYED, ETags.IF_MATCH, ETags.IF_NONE_MATCH);

    private SharedComponents() {
    }

    static void addTo(Components c) {
        c.addSchema(PROBLEM, problemSchema());
        c.addHeader(RETRY_AFTER, header("Seconds to wait before sending the same request again.",
                SchemaType.INTEGER, 2));
        c.addHeader(ETAG, header("The strong validator of the representation: send it back in If-None-Match "
                + "(304 when unchanged) or If-Match (412 when stale).", SchemaType.STRING, "\"b6kQm0yJ3xv1l3gR2Z1k2w\""));
        c.addHeader(IDEMPOTENT_REPLAYED, header("`true` when this is the stored answer to an earlier request "
                + "with the same Idempotency-Key: nothing new was done.", SchemaType.STRING, "true"));
        c.addResponse(UNAUTHENTICATED, problem("No credentials, or credentials not accepted (UNAUTHENTICATED)",
                Map.of("WWW-Authenticate", header("The schemes the service accepts.", SchemaType.STRING,
                        "Bearer realm=\"tollgate\", Basic realm=\"tollgate\""))));
        c.addResponse(FORBIDDEN, problem("The caller's roles do not admit this operation (FORBIDDEN)", Map.of()));
        c.addResponse(BAD_REQUEST, problem("A parameter or the body is invalid (INVALID_FIELD, "
                + "LIMIT_EXCEEDED, MALFORMED_JSON); `field` names it", Map.of()));
        c.addResponse(BODY_TOO_LARGE, problem("The body is above the size limit (BODY_TOO_LARGE)", Map.of()));
        c.addResponse(UNSUPPORTED_MEDIA_TYPE, problem("The body is not application/json "
                + "(UNSUPPORTED_MEDIA_TYPE)", Map.of()));
        c.addResponse(UNPROCESSABLE, problem("A body field breaks a rule or is unknown (INVALID_FIELD, "
                + "LIMIT_EXCEEDED, UNKNOWN_FIELD); `field` is its JSON path", Map.of()));
        c.addResponse(INTERNAL_ERROR, problem("Unexpected failure (INTERNAL_ERROR); `detail` carries a log "
                + "reference", Map.of()));
        c.addResponse(UNAVAILABLE, problem("Database or broker briefly unavailable (TEMPORARILY_UNAVAILABLE); "
                + "nothing was acknowledged: retry after Retry-After seconds", Map.of(RETRY_AFTER,
                OASFactory.createHeader().ref("#/components/headers/" + RETRY_AFTER))));
        c.addResponse(NOT_ACCEPTABLE, problem("Accept names no media type the operation answers "
                + "(NOT_ACCEPTABLE)", Map.of()));
        c.addResponse(PRECONDITION_FAILED, problem("If-Match names a version that is no longer current "
                + "(PRECONDITION_FAILED): read the resource again", Map.of()));
        c.addResponse(NOT_MODIFIED, OASFactory.createAPIResponse().description("If-None-Match names the "
                + "current ETag: the representation is unchanged (no body)").headers(new LinkedHashMap<>(
                Map.of(ETAG, headerRef(ETAG)))));
        c.addParameter(ETags.IF_NONE_MATCH, OASFactory.createParameter().name(ETags.IF_NONE_MATCH)
                .in(Parameter.In.HEADER).description("ETags the client holds; 304 when one is current.")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(1000))
                .example("\"b6kQm0yJ3xv1l3gR2Z1k2w\""));
        c.addParameter(ETags.IF_MATCH, OASFactory.createParameter().name(ETags.IF_MATCH)
                .in(Parameter.In.HEADER).description("The ETag of the resource as the client read it; the "
                        + "request is refused with 412 if it changed since. Optional: without it the "
                        + "request acts on the current version.")
                .schema(OASFactory.createSchema().addType(SchemaType.STRING).maxLength(1000))
                .example("\"b6kQm0yJ3xv1l3gR2Z1k2w\""));
        c.addSecurityScheme(ContractFilter.BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("Production: a JWT from the configured issuer; roles from its `groups` claim."));
        c.addSecurityScheme(ContractFilter.BASIC, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("The local stack only (`./tollgate up`): one user per role, passwords in "
                        + "`.tollgate/credentials`."));
    }

    /**
     * Drops the shared responses, parameters and headers no operation refers to ({@code used} holds
     * the names referred to), so each document carries only what it uses. Headers that shared
     * responses refer to stay with those responses.
     */
    static void removeUnused(Components c, Set<String> used) {
        Set<String> keep = new java.util.HashSet<>(used);
        if (used.contains(UNAVAILABLE)) {
            keep.add(RETRY_AFTER);
        }
        if (used.contains(NOT_MODIFIED)) {
            keep.add(ETAG);
        }
        if (c.getResponses() != null) {
            List.copyOf(c.getResponses().keySet()).stream()
                    .filter(n -> OPTIONAL.contains(n) && !keep.contains(n)).forEach(c::removeResponse);
        }
        if (c.getParameters() != null) {
            List.copyOf(c.getParameters().keySet()).stream()
                    .filter(n -> OPTIONAL.contains(n) && !keep.contains(n)).forEach(c::removeParameter);
        }
        if (c.getHeaders() != null) {
            List.copyOf(c.getHeaders().keySet()).stream()
                    .filter(n -> OPTIONAL.contains(n) && !keep.contains(n)).forEach(c::removeHeader);
        }
    }

    /** A problem+json body referencing the one {@link Problem} schema. */
    static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM)));
    }

    /** A reference to a shared header, for operations that send one. */
    static Header headerRef(String name) {
        return OASFactory.createHeader().ref("#/components/headers/" + name);
    }

    private static APIResponse problem(String description, Map<String, Header> headers) {
        APIResponse r = OASFactory.createAPIResponse().description(description).content(problemContent());
        if (!headers.isEmpty()) {
            r.setHeaders(new LinkedHashMap<>(headers));
        }
        return r;
    }

    private static Header header(String description, SchemaType type, Object example) {
        return OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(type)).example(example);
    }

    /**
     * The schema of {@link Problem}, field by field (ProblemSchemaTest keeps the two in step).
     * Built here rather than scanned, so every service's document has it under one name.
     */
    static Schema problemSchema() {
        Map<String, Schema> p = new LinkedHashMap<>();
        p.put("type", text("The problem type: a URI reference to this code's entry in the error catalogue "
                + "(`/problems/<code>`), resolved against the request URL."));
        p.put("title", text("The HTTP status' reason phrase."));
        p.put("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599))
                .description("The HTTP status code."));
        p.put("detail", text("A sentence for people: what was wrong and the rule."));
        p.put("code", text("The stable error code (the catalogue's key); compare this, never `detail`."));
        p.put("field", text("The request field at fault: a body field's JSON path, or a header, path or query "
                + "parameter name. Absent when no single field is at fault."));
        p.put("instance", text("The path of the request that was refused."));
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "/problems/invalid-field");
        example.put("title", "Bad Request");
        example.put("status", 400);
        example.put("detail", "cursor must be a nextCursor this API returned");
        example.put("code", "INVALID_FIELD");
        example.put("field", "cursor");
        example.put("instance", "/api/v1/orders");
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem (application/problem+json).")
                .properties(p).required(List.of("type", "title", "status", "code")).example(example);
    }

    private static Schema text(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
