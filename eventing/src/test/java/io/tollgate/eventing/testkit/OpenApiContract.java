package io.tollgate.eventing.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Holds a running service's OpenAPI document to the contract rules of docs/api.md: every operation
 * has an operationId, a summary and a description, typed bodies with examples, and every error
 * answer is the one problem+json schema; the document committed under {@code docs/api/} equals the
 * generated one; and the pinned linter ({@code tools/openapi-lint}) passes it.
 */
public final class OpenApiContract {

    /** Set to true to rewrite docs/api/&lt;service&gt;.json from the running service. */
    public static final String UPDATE_PROPERTY = "tollgate.openapi.update";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long LINT_SECONDS_MAX = 120;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final JsonNode document;

    private OpenApiContract(String text) throws IOException {
        this.document = new ObjectMapper().readTree(text);
    }

    /** Reads {@code /q/openapi?format=json} of the service at {@code base}. */
    public static OpenApiContract of(URI base) throws IOException, InterruptedException {
        String tester = Base64.getEncoder().encodeToString((TestUsers.TESTER + ":"
                + TestUsers.password(TestUsers.TESTER)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(
                        base.resolve("/q/openapi?format=json")).header("Authorization", "Basic " + tester)
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("/q/openapi answered " + response.statusCode());
        }
        return new OpenApiContract(response.body());
    }

    public JsonNode document() {
        return document;
    }

    /** Every broken rule, one line each ("GET /api/v1/orders: no operationId"). */
    public List<String> violations() {
        List<String> broken = new ArrayList<>();
        if (!document.path("servers").isArray() || document.path("servers").isEmpty()) {
            broken.add("document: no servers");
        }
        JsonNode schemes = document.path("components").path("securitySchemes");
        if (!schemes.has("bearer") || !schemes.has("basic")) {
            broken.add("document: security schemes bearer and basic are not both declared");
        }
        if (document.toString().contains("\"x-tollgate-")) {
            broken.add("document: a convention extension (x-tollgate-…) was left in");
        }
        Set<String> ids = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    checkOperation(broken, op.getKey().toUpperCase() + " " + path.getKey(), op.getValue(), ids);
                }
            }
        }
        staleExamples(broken, ids);
        for (Iterator<Map.Entry<String, JsonNode>> s = document.path("components").path("schemas").fields();
                s.hasNext(); ) {
            Map.Entry<String, JsonNode> schema = s.next();
            if (isUntypedObject(schema.getValue())) {
                broken.add("schema " + schema.getKey() + ": an object without properties (an untyped map)");
            }
        }
        return broken;
    }

    /** An example file of this module whose operation is gone (renamed or removed) is never used. */
    private static void staleExamples(List<String> broken, Set<String> operationIds) {
        Path dir = Path.of("src", "main", "resources", "META-INF", "tollgate", "openapi-examples");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString())
                    .filter(name -> !operationIds.contains(name.replaceFirst("\\.json$", "")))
                    .forEach(name -> broken.add(dir.resolve(name) + ": no operation has this operationId"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void checkOperation(List<String> broken, String name, JsonNode op, Set<String> ids) {
        String id = op.path("operationId").asText("");
        if (id.isBlank()) {
            broken.add(name + ": no operationId");
        } else if (!ids.add(id)) {
            broken.add(name + ": operationId " + id + " used twice");
        }
        if (op.path("summary").asText("").isBlank()) {
            broken.add(name + ": no summary");
        }
        if (op.path("description").asText("").isBlank()) {
            broken.add(name + ": no description");
        }
        if (op.has("requestBody")) {
            checkBody(broken, name + " request", op.path("requestBody").path("content"));
        }
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> rs = op.path("responses").fields(); rs.hasNext(); ) {
            Map.Entry<String, JsonNode> r = rs.next();
            String status = r.getKey();
            if (status.startsWith("2") || status.equals("304")) {
                success |= status.startsWith("2");
                if (r.getValue().has("content")) {
                    checkBody(broken, name + " " + status, r.getValue().path("content"));
                }
            } else if (status.startsWith("4") || status.startsWith("5")) {
                checkProblem(broken, name + " " + status, r.getValue());
            }
        }
        if (!success) {
            broken.add(name + ": no 2xx response documented");
        }
    }

    private void checkBody(List<String> broken, String name, JsonNode content) {
        for (Iterator<Map.Entry<String, JsonNode>> ms = content.fields(); ms.hasNext(); ) {
            Map.Entry<String, JsonNode> media = ms.next();
            if (!media.getKey().contains("json")) {
                continue;
            }
            JsonNode schema = resolve(media.getValue().path("schema"));
            if (schema.isMissingNode() || isUntypedObject(schema)) {
                broken.add(name + ": untyped " + media.getKey() + " body");
            }
            if (!media.getValue().has("example") && !media.getValue().has("examples")) {
                broken.add(name + ": no example");
            }
        }
    }

    private void checkProblem(List<String> broken, String name, JsonNode response) {
        JsonNode r = resolve(response);
        JsonNode content = r.path("content");
        if (content.size() != 1 || !PROBLEM_REF.equals(content.path("application/problem+json").path("schema")
                .path("$ref").asText())) {
            broken.add(name + ": not the problem+json schema");
        }
    }

    private JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
            target = target.path(part);
        }
        return target;
    }

    private static boolean isUntypedObject(JsonNode schema) {
        boolean object = schema.path("type").asText("").equals("object")
                || schema.path("type").isArray() && schema.path("type").toString().contains("\"object\"");
        JsonNode extra = schema.path("additionalProperties");
        boolean typedMap = extra.isObject() && (extra.has("$ref") || extra.has("type"));
        return object && !schema.has("properties") && !typedMap && !schema.has("$ref");
    }

    /**
     * Fails unless {@code stored} (relative to the repository root, e.g. docs/api/order-service.json)
     * holds this document; with -D{@value #UPDATE_PROPERTY}=true it rewrites the file instead.
     */
    public void assertStoredAs(String stored) throws IOException {
        Path file = repositoryRoot().resolve(stored);
        String pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(document) + "\n";
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pretty);
            return;
        }
        if (!Files.exists(file) || !new ObjectMapper().readTree(Files.readString(file)).equals(document)) {
            Path fresh = Path.of("target", "openapi", file.getFileName().toString());
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, pretty);
            throw new AssertionError(stored + " differs from the service's document (written to " + fresh
                    + "); review the change and rerun the test with -D" + UPDATE_PROPERTY + "=true");
        }
    }

    /**
     * Lints {@code stored} with the pinned redocly (tools/openapi-lint, installed by {@code npm ci}
     * there) and the repository's redocly.yaml. Without the linter the test is skipped, unless CI=true.
     *
     * @return the linter's report
     */
    public static String lint(String stored) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path redocly = root.resolve("tools/openapi-lint/node_modules/.bin/redocly");
        if (!Files.isExecutable(redocly)) {
            String missing = redocly + " is not installed; run: (cd tools/openapi-lint && npm ci)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(missing);
            }
            Assumptions.abort(missing);
        }
        Path log = Files.createTempFile("redocly", ".txt");
        Process lint = new ProcessBuilder(redocly.toString(), "lint", "--config", "redocly.yaml", stored)
                .directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!lint.waitFor(LINT_SECONDS_MAX, TimeUnit.SECONDS)) {
            lint.destroyForcibly();
            throw new AssertionError("redocly lint took more than " + LINT_SECONDS_MAX + " s");
        }
        String report = Files.readString(log);
        Files.deleteIfExists(log);
        // Clean means no error and no warning: a warning left standing soon hides a new one.
        if (lint.exitValue() != 0 || report.contains("You have ") && report.contains(" warning")) {
            throw new AssertionError("redocly lint " + stored + " is not clean:\n" + report);
        }
        return report;
    }

    /** The directory holding the root pom (tests run in their module's directory). */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
