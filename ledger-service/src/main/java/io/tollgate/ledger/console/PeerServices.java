package io.tollgate.ledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls another service's existing API on behalf of the console's caller: the caller's own
 * {@code Authorization} header goes with the call, so that service's role checks decide what the
 * caller sees, exactly as if the caller had asked it directly.
 */
final class PeerServices {

    /** What a peer answered: the HTTP status (0 when it could not be reached), JSON and raw text. */
    record Reply(String service, String url, int status, JsonNode json, String raw) {

        boolean ok() {
            return status == 200;
        }

        /** A sentence for the page when the call did not succeed. */
        String problem() {
            if (status == 0) {
                return service + " could not be reached at " + url + ": " + raw;
            }
            String detail = json.path("detail").asText(json.path("title").asText(""));
            return service + " answered " + status + (status == 403 ? " (the caller's role may not read it)" : "")
                    + (detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** Longest answer read from a peer; a scrape is a few hundred kilobytes. */
    static final int BODY_CHARS_MAX = 4 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final ObjectMapper json;

    PeerServices(Duration timeout, ObjectMapper json) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .build();
        this.timeout = timeout;
        this.json = json;
    }

    Reply get(String service, String baseUrl, String path, String accept, String authorization) {
        String url = baseUrl + path;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", accept);
        if (authorization != null && !authorization.isBlank()) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (body.length() > BODY_CHARS_MAX) {
                return new Reply(service, url, 502, MissingNode.getInstance(),
                        "answer longer than " + BODY_CHARS_MAX + " characters");
            }
            return new Reply(service, url, response.statusCode(), parse(body), body);
        } catch (IOException e) {
            return new Reply(service, url, 0, MissingNode.getInstance(), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(service, url, 0, MissingNode.getInstance(), "interrupted");
        }
    }

    private JsonNode parse(String body) {
        if (body.isEmpty() || !(body.startsWith("{") || body.startsWith("["))) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
