package io.tollgate.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.Roles;
import io.tollgate.contracts.WireJson;
import io.tollgate.deploy.local.LocalUsers;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON-over-HTTP client for the three services' public APIs (java.net.http). Every call
 * names the role ({@link io.tollgate.contracts.Roles}) it is made as, and goes through
 * {@link #send}, which adds that role's {@code Authorization} header when credentials exist.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** The base URLs of the services on the local stack. */
    public record Endpoints(String orders, String regulator, String ledger) {
        public static Endpoints local() {
            return new Endpoints("http://127.0.0.1:8081", "http://127.0.0.1:8082",
                "http://127.0.0.1:8083");
        }
    }

    /** An answer: status, headers we care about, and the body parsed as JSON (missing if empty). */
    public record Response(int status, JsonNode body, Optional<String> location, String raw) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** A field of the body as text, or "" when absent. */
        public String text(String field) {
            return body.path(field).asText("");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    /** The wire's own mapper: answers are read, and bodies written, by the contract's JSON rules. */
    private final ObjectMapper json = WireJson.mapper();
    private final Endpoints endpoints;
    private final Credentials credentials;

    public ApiClient(Endpoints endpoints, Credentials credentials) {
        this.endpoints = endpoints;
        this.credentials = credentials;
    }

    /** The client for {@code ./tollgate up}: local ports, credentials from the data folder if any. */
    public static ApiClient forLocalStack(Path credentialsFile) {
        return new ApiClient(Endpoints.local(), Credentials.fromFile(credentialsFile));
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public ObjectMapper json() {
        return json;
    }

    /** An unauthenticated GET (health endpoints). */
    public Response get(String url) {
        return send(null, HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
    }

    public Response get(String role, String url) {
        return send(role, HttpRequest.newBuilder(URI.create(url)).GET(), Map.of());
    }

    /**
     * A rule change with four eyes, as a script makes it: proposed as {@code compliance} at
     * {@code /api/v1/proposals/<proposalPath>} (201 with the proposal's URL), then approved at
     * {@code <url>/approve} as the second compliance officer. Answers the approval, or the refused
     * proposal.
     */
    public Response proposeAndApprove(String proposalPath, Object body) {
        Response proposal = post(Roles.COMPLIANCE, endpoints.regulator() + "/api/v1/proposals/" + proposalPath, body);
        if (proposal.status() != 201 || proposal.location().isEmpty()) {
            return proposal;
        }
        return post(LocalUsers.SECOND_COMPLIANCE, proposal.location().get() + "/approve", null);
    }

    public Response post(String role, String url, Object body) {
        return post(role, url, body, Map.of());
    }

    /** POST with extra headers, e.g. {@code Idempotency-Key}; a null body sends none. */
    public Response post(String role, String url, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
            .POST(body == null ? HttpRequest.BodyPublishers.noBody() : bodyOf(body));
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        if (body != null) {
            all.putAll(jsonHeaders());
        }
        return send(role, builder, all);
    }

    /** The one place requests leave: adds the caller's {@code Authorization} header, if any. */
    private Response send(String role, HttpRequest.Builder builder, Map<String, String> headers) {
        builder.timeout(REQUEST_TIMEOUT).header("Accept", "application/json, application/problem+json");
        headers.forEach(builder::header);
        if (role != null) {
            credentials.authorizationHeader(role).ifPresent(value -> builder.header("Authorization", value));
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), parse(response.body()),
                response.headers().firstValue("Location"), response.body());
        } catch (IOException e) {
            throw new DemoFailure("cannot reach " + request.method() + " " + request.uri() + ": "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                + " (is the stack running? ./tollgate status)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted during " + request.method() + " " + request.uri());
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private HttpRequest.BodyPublisher bodyOf(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    private static Map<String, String> jsonHeaders() {
        return Map.of("Content-Type", "application/json");
    }
}
