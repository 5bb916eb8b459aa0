package io.tollgate.eventing.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Checks a running service's access rules against a table: every endpoint its OpenAPI document
 * lists must have a row (so a new endpoint without declared roles fails), and every endpoint is
 * called with no credentials (401), with each role it does not admit (403) and with each role it
 * admits (neither 401 nor 403), every refusal answered as problem+json. A server-sent event stream
 * is asked for as one ({@code Accept} names {@code text/event-stream} too) and closed once its
 * status and headers are in.
 */
public final class EndpointRoleMatrix {

    /** Stands in for every path parameter: a well-formed id of nothing that exists. */
    public static final String ABSENT_ID = "00000000-0000-4000-8000-000000000000";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final URI base;
    private final Map<String, Set<String>> table = new LinkedHashMap<>();
    private final Set<String> open = new TreeSet<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    private EndpointRoleMatrix(URI base) {
        this.base = base;
    }

    /** @param base the service's root URL, e.g. from {@code @TestHTTPResource("/")} */
    public static EndpointRoleMatrix forService(URI base) {
        return new EndpointRoleMatrix(base);
    }

    /** Declares that {@code endpoint} ("POST /api/v1/orders") admits exactly {@code roles}. */
    public EndpointRoleMatrix allow(String endpoint, String... roles) {
        Set<String> admitted = new TreeSet<>(List.of(roles));
        if (!Roles.ALL.containsAll(admitted)) {
            throw new IllegalArgumentException("unknown role in " + admitted);
        }
        if (table.put(endpoint, admitted) != null) {
            throw new IllegalArgumentException("endpoint declared twice: " + endpoint);
        }
        return this;
    }

    /**
     * Declares the error catalogue every service serves ({@code GET /problems} and one entry): open to
     * anyone, credentials or not, since a problem's {@code type} must resolve for every client.
     */
    public EndpointRoleMatrix allowProblemCatalogue() {
        for (String endpoint : List.of("GET /problems", "GET /problems/{slug}")) {
            allow(endpoint, Roles.ALL.toArray(String[]::new));
            open.add(endpoint);
        }
        return this;
    }

    /** Declares eventing's dead-letter operations, which every service carries: operators only. */
    public EndpointRoleMatrix allowDeadLetterOperations() {
        String root = "/api/v1/dead-letters";
        return allow("GET " + root, Roles.OPERATOR)
                .allow("GET " + root + "/{id}", Roles.OPERATOR)
                .allow("POST " + root + "/{id}/retry", Roles.OPERATOR)
                .allow("POST " + root + "/{id}/discard", Roles.OPERATOR)
                .allow("POST " + root + "/retry-all", Roles.OPERATOR);
    }

    /** The endpoints the service's own OpenAPI document lists, as "METHOD /path". */
    public Set<String> publishedEndpoints() throws IOException, InterruptedException {
        String tester = Base64.getEncoder().encodeToString((TestUsers.TESTER + ":"
                + TestUsers.password(TestUsers.TESTER)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .header("Authorization", "Basic " + tester).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/q/openapi answered " + response.statusCode());
        }
        JsonNode paths = new ObjectMapper().readTree(response.body()).path("paths");
        Set<String> endpoints = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> ops = path.getValue().fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) {
                    endpoints.add(op.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return endpoints;
    }

    /** Fails unless the table names exactly the endpoints the service publishes. */
    public void assertEveryEndpointDeclared() throws IOException, InterruptedException {
        Set<String> published = publishedEndpoints();
        Set<String> undeclared = new TreeSet<>(published);
        undeclared.removeAll(table.keySet());
        Set<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(published);
        if (!undeclared.isEmpty() || !stale.isEmpty()) {
            throw new AssertionError("role table and service disagree; endpoints without a declared row: "
                    + undeclared + "; rows for endpoints that do not exist: " + stale);
        }
    }

    /** Calls every endpoint as nobody and as every role; returns the cells that broke the table. */
    public List<String> violations() throws IOException, InterruptedException {
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Set<String>> row : table.entrySet()) {
            String endpoint = row.getKey();
            if (open.contains(endpoint)) {
                int status = call(endpoint, null).statusCode();
                if (status == 401 || status == 403) {
                    broken.add(endpoint + " as nobody: expected open to anyone, got " + status);
                }
            } else {
                check(broken, endpoint, null, 401);
            }
            for (String role : Roles.ALL) {
                Answer response = call(endpoint, role);
                boolean admitted = row.getValue().contains(role);
                int status = response.statusCode();
                if (admitted && (status == 401 || status == 403)) {
                    broken.add(endpoint + " as " + role + ": expected admitted, got " + status);
                } else if (!admitted) {
                    expect(broken, endpoint + " as " + role, response, 403);
                }
            }
        }
        return broken;
    }

    private void check(List<String> broken, String endpoint, String role, int expected)
            throws IOException, InterruptedException {
        expect(broken, endpoint + " as " + (role == null ? "nobody" : role), call(endpoint, role), expected);
    }

    private static void expect(List<String> broken, String cell, Answer response, int expected) {
        if (response.statusCode() != expected) {
            broken.add(cell + ": expected " + expected + ", got " + response.statusCode());
            return;
        }
        String type = response.contentType();
        if (!type.startsWith("application/problem+json")) {
            broken.add(cell + ": " + expected + " without problem+json (" + type + ")");
        }
    }

    /** What a call answered: its status and content type (a stream's body is not read). */
    private record Answer(int statusCode, String contentType) {
    }

    private Answer call(String endpoint, String role) throws IOException, InterruptedException {
        int space = endpoint.indexOf(' ');
        String method = endpoint.substring(0, space);
        String path = endpoint.substring(space + 1).replaceAll("\\{[^}]+}", ABSENT_ID);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json, text/event-stream;q=0.5")
                .header("Idempotency-Key", "matrix-" + UUID.randomUUID());
        if (role != null) {
            String token = Base64.getEncoder().encodeToString((role + ":" + TestUsers.password(role))
                    .getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        String type = response.headers().firstValue("Content-Type").orElse("");
        try (InputStream body = response.body()) {
            if (!type.startsWith("text/event-stream")) {
                body.readAllBytes();
            }
        }
        return new Answer(response.statusCode(), type);
    }
}
