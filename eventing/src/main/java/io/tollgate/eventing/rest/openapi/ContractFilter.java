package io.tollgate.eventing.rest.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.tollgate.eventing.rest.ETags;
import io.tollgate.eventing.rest.Problem;
import io.tollgate.eventing.rest.ProblemTypeResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes every service's OpenAPI document state the shared parts of the contract once: the problem
 * schema and the error answers every operation can give, the security schemes, and the examples kept
 * beside the code ({@value #EXAMPLES}{@code <operationId>.json}). Runs at build time, so the document
 * stored by the build and the one served at {@code /q/openapi} are the same.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractFilter implements OASFilter {

    /** Where each operation's examples live: {"request": …, "responses": {"200": …}}. */
    public static final String EXAMPLES = "META-INF/tollgate/openapi-examples/";
    static final String BEARER = "bearer";
    static final String BASIC = "basic";
    /** Operation extensions naming the conventions it follows (see {@link #applyConventions}). */
    public static final String ETAG = "x-tollgate-etag";
    public static final String IF_MATCH = "x-tollgate-if-match";
    public static final String REPLAYED = "x-tollgate-replayed";

    private final ObjectMapper json = new ObjectMapper();
    /** Shared components some operation of this document refers to; the others are dropped. */
    private final Set<String> used = new HashSet<>();

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        if (components.getSchemas() != null && components.getSchemas().containsKey(SharedComponents.PROBLEM)) {
            // Another class named Problem would be silently replaced by the problem+json schema.
            throw new IllegalStateException("a scanned class is named " + SharedComponents.PROBLEM
                    + "; give it @Schema(name = ...) so the problem+json schema keeps the name");
        }
        SharedComponents.addTo(components);
        api.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER),
                OASFactory.createSecurityRequirement().addScheme(BASIC)));
        if (api.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : api.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                complete(op.getValue(), path.getValue());
            }
        }
        SharedComponents.removeUnused(components, used);
    }

    private void complete(Operation op, PathItem path) {
        APIResponses responses = op.getResponses() == null ? OASFactory.createAPIResponses() : op.getResponses();
        op.setResponses(responses);
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            if (isError(r.getKey()) && r.getValue().getRef() == null) {
                r.getValue().setContent(SharedComponents.problemContent());
            }
        }
        boolean isPublic = op.getOperationId() != null
                && ProblemTypeResource.PUBLIC_OPERATIONS.contains(op.getOperationId());
        boolean hasParameters = op.getParameters() != null && !op.getParameters().isEmpty()
                || path.getParameters() != null && !path.getParameters().isEmpty();
        if (!isPublic) {
            addIfAbsent(responses, "401", SharedComponents.UNAUTHENTICATED);
            addIfAbsent(responses, "403", SharedComponents.FORBIDDEN);
        }
        if (hasParameters || op.getRequestBody() != null) {
            addIfAbsent(responses, "400", SharedComponents.BAD_REQUEST);
        }
        if (op.getRequestBody() != null) {
            addIfAbsent(responses, "413", SharedComponents.BODY_TOO_LARGE);
            addIfAbsent(responses, "415", SharedComponents.UNSUPPORTED_MEDIA_TYPE);
            addIfAbsent(responses, "422", SharedComponents.UNPROCESSABLE);
        }
        addIfAbsent(responses, "406", SharedComponents.NOT_ACCEPTABLE);
        addIfAbsent(responses, "500", SharedComponents.INTERNAL_ERROR);
        addIfAbsent(responses, "503", SharedComponents.UNAVAILABLE);
        applyConventions(op);
        if (op.getOperationId() != null) {
            attachExamples(op);
        }
    }

    /**
     * Documents the conventions an operation declares with an extension (removed from the output):
     * {@value #ETAG} (ETag on 200, If-None-Match, 304), {@value #IF_MATCH} (If-Match, 412) and
     * {@value #REPLAYED} (Idempotent-Replayed on its 2xx answers).
     */
    private void applyConventions(Operation op) {
        Map<String, Object> ext = op.getExtensions() == null ? Map.of() : Map.copyOf(op.getExtensions());
        // The scanner copies a method's @Extension onto its request body and responses too.
        for (String name : List.of(ETAG, IF_MATCH, REPLAYED)) {
            if (op.getRequestBody() != null) {
                op.getRequestBody().removeExtension(name);
            }
            op.getResponses().removeExtension(name);
            op.getResponses().getAPIResponses().values().forEach(r -> r.removeExtension(name));
        }
        if (ext.containsKey(ETAG)) {
            op.removeExtension(ETAG);
            op.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + ETags.IF_NONE_MATCH));
            used.add(ETags.IF_NONE_MATCH);
            addHeader(op.getResponses().getAPIResponse("200"), SharedComponents.ETAG);
            addIfAbsent(op.getResponses(), "304", SharedComponents.NOT_MODIFIED);
        }
        if (ext.containsKey(IF_MATCH)) {
            op.removeExtension(IF_MATCH);
            op.addParameter(OASFactory.createParameter().ref("#/components/parameters/" + ETags.IF_MATCH));
            used.add(ETags.IF_MATCH);
            addIfAbsent(op.getResponses(), "412", SharedComponents.PRECONDITION_FAILED);
        }
        if (ext.containsKey(REPLAYED)) {
            op.removeExtension(REPLAYED);
            op.getResponses().getAPIResponses().forEach((status, r) -> {
                if (status.startsWith("2")) {
                    addHeader(r, SharedComponents.IDEMPOTENT_REPLAYED);
                }
            });
        }
    }

    private void addHeader(APIResponse response, String header) {
        if (response != null && response.getRef() == null) {
            response.addHeader(header, SharedComponents.headerRef(header));
            used.add(header);
        }
    }

    private static boolean isError(String status) {
        return status.length() == 3 && (status.charAt(0) == '4' || status.charAt(0) == '5');
    }

    private void addIfAbsent(APIResponses responses, String status, String component) {
        if (!responses.hasAPIResponse(status)) {
            used.add(component);
            responses.addAPIResponse(status, OASFactory.createAPIResponse()
                    .ref("#/components/responses/" + component));
        }
    }

    /** Puts the operation's examples on its JSON bodies; an example for a body it lacks fails the build. */
    private void attachExamples(Operation op) {
        JsonNode examples = read(EXAMPLES + op.getOperationId() + ".json");
        if (examples == null) {
            return;
        }
        JsonNode request = examples.get("request");
        if (request != null) {
            if (op.getRequestBody() == null || op.getRequestBody().getContent() == null) {
                throw new IllegalStateException(op.getOperationId() + ": request example but no request body");
            }
            setExample(op.getOperationId() + " request", op.getRequestBody().getContent(), request);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = examples.path("responses").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            APIResponse response = op.getResponses().getAPIResponse(e.getKey());
            if (response == null || response.getContent() == null) {
                throw new IllegalStateException(op.getOperationId() + ": example for " + e.getKey()
                        + " but the operation documents no such body");
            }
            setExample(op.getOperationId() + " " + e.getKey(), response.getContent(), e.getValue());
        }
    }

    private void setExample(String what, Content content, JsonNode example) {
        boolean set = false;
        for (Map.Entry<String, MediaType> media : content.getMediaTypes().entrySet()) {
            if (media.getKey().contains("json") && !media.getKey().equals(Problem.MEDIA_TYPE)) {
                media.getValue().setExample(json.convertValue(example, Object.class));
                set = true;
            }
        }
        if (!set) {
            throw new IllegalStateException(what + ": example given but no JSON body to put it on");
        }
    }

    private JsonNode read(String resource) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context == null ? getClass().getClassLoader() : context;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
