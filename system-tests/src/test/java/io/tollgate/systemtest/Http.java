package io.tollgate.systemtest;

import io.tollgate.deploy.demo.Credentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.contracts.WireJson;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP (java.net.http) for one caller role against one service. Every request goes
 * through {@link #send}, which adds the role's credentials ({@link Credentials}: the users the
 * stack generated) when configured.
 */
final class Http {

    /** The wire's own mapper, so request bodies follow the contract's JSON rules (absent, not null). */
    static final ObjectMapper JSON = WireJson.mapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();

    /** An answer: status, body as JSON (missing when empty or not JSON), raw body, Location, Retry-After. */
    record Reply(String request, int status, JsonNode json, String raw, Optional<String> location,
                 Optional<String> retryAfter) {

        boolean is2xx() {
            return status >= 200 && status < 300;
        }

        /** Fails with the request and the whole answer unless the status is {@code expected}. */
        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " answered " + status + ", expected " + expected + ": " + raw);
            }
            return this;
        }

        String text(String field) {
            return json.path(field).asText();
        }
    }

    private final Credentials credentials;
    private final String role;
    private final String baseUrl;

    Http(Credentials credentials, String role, String baseUrl) {
        this.credentials = credentials;
        this.role = role;
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), Map.of());
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), Map.of());
    }

    Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)), Map.of("Content-Type", "application/json"));
    }

    Reply post(String path, Object body) {
        return post(path, body, Map.of());
    }

    /** POST with extra headers such as {@code Idempotency-Key}; a null body sends none. */
    Reply post(String path, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path));
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.POST(json(body));
            all.put("Content-Type", "application/json");
        }
        return send(builder, all);
    }

    /** POST of a body that is not JSON (a batch of lines), with its type and extra headers. */
    Reply post(String path, byte[] body, String contentType, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), all);
    }

    /**
     * Sends once. A connection refused or reset (the service is down or was killed mid-request)
     * surfaces as {@link UncheckedIOException}, so callers that retry can tell it from an answer.
     */
    private Reply send(HttpRequest.Builder builder, Map<String, String> headers) {
        builder.timeout(REQUEST_TIMEOUT).header("Accept", "application/json, application/problem+json");
        headers.forEach(builder::header);
        credentials.authorizationHeader(role).ifPresent(value -> builder.header("Authorization", value));
        HttpRequest request = builder.build();
        String described = request.method() + " " + request.uri();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(described, response.statusCode(), parse(response.body()), response.body(),
                response.headers().firstValue("Location"), response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new UncheckedIOException(described + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + described, e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write request body", e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
