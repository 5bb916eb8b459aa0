package io.tollgate.systemtest;

import io.tollgate.contracts.Roles;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of requests no service may accept: bodies that are not what an endpoint takes
 * (garbage, truncated or deeply nested JSON, values of the wrong type, impossible amounts, other
 * charsets, chunked, cut short on the wire), ids and paths that name nothing, query parameters out
 * of range, and headers
 * (content types on body-less requests, charsets, Accept variants, oversized values, broken
 * credentials and idempotency keys). Writes only ever name things that do not exist (fuzz ids) or
 * carry a body that cannot be valid, so any stored change is a defect.
 */
final class BadRequests {

    /** Customer ids bad order bodies use: the test checks none of them ever holds an order. */
    static final List<String> FUZZ_CUSTOMERS = List.of("fuzz-a", "fuzz-b", "fuzz-c");
    /** Ids bad designation writes use: none may ever be designated. */
    static final List<String> FUZZ_DESIGNATIONS = List.of("fuzz-d1", "fuzz-d2", "fuzz-d3");

    /**
     * How a body goes on the wire: with its Content-Length, chunked, or cut short — half of it
     * sent under a Content-Length of the whole (or a chunk cut off without the last chunk), then
     * the client stops sending.
     */
    enum Framing {
        LENGTH, CHUNKED, TRUNCATED_LENGTH, TRUNCATED_CHUNKED;

        boolean truncated() {
            return this == TRUNCATED_LENGTH || this == TRUNCATED_CHUNKED;
        }
    }

    /** One request as sent: method, path with query, headers, body (null: none) and its framing. */
    record Request(String method, String path, String role, Map<String, String> headers, byte[] body,
                   Framing framing) {
        String describe() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300),
                StandardCharsets.ISO_8859_1);
            return method + " " + path + " role=" + role + " headers=" + abbreviated(headers)
                + (body == null ? "" : " body(" + body.length + " B, " + framing + ")=" + shown);
        }

        private static Map<String, String> abbreviated(Map<String, String> headers) {
            Map<String, String> out = new LinkedHashMap<>();
            headers.forEach((k, v) -> out.put(k, v.length() > 80 ? v.substring(0, 80) + "…(" + v.length() + ")"
                : v));
            return out;
        }
    }

    /** An endpoint of a service: method, path template ({id} is filled), role, takes a body. */
    private record Endpoint(String method, String path, String role, BodyKind body) {
    }

    private enum BodyKind { NONE, ORDER, PAYMENT, GARBAGE_ONLY, ANY }

    private BadRequests() {
    }

    /** Requests for {@code service}; {@code realOrderId} is an order of the load (payments on it). */
    static Arbitrary<Request> forService(String service, String realOrderId) {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints(service, realOrderId));
        Arbitrary<Framing> framing = Arbitraries.frequency(Tuple.of(4, Framing.LENGTH),
            Tuple.of(2, Framing.CHUNKED), Tuple.of(1, Framing.TRUNCATED_LENGTH),
            Tuple.of(1, Framing.TRUNCATED_CHUNKED));
        return Combinators.combine(endpoint, ids(), queries(), headers(), bodyChoice(), framing)
            .as(BadRequests::build);
    }

    private static List<Endpoint> endpoints(String service, String realOrderId) {
        List<Endpoint> all = new ArrayList<>();
        switch (service) {
            case "order-service" -> {
                all.add(new Endpoint("POST", "/api/v1/orders", Roles.ERP, BodyKind.ORDER));
                all.add(new Endpoint("GET", "/api/v1/orders?customerId={id}", Roles.ERP, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/orders/{id}", Roles.ERP, BodyKind.NONE));
                all.add(new Endpoint("POST", "/api/v1/orders/{id}/cancellation", Roles.ERP, BodyKind.ANY));
                all.add(new Endpoint("POST", "/api/v1/orders/{id}/revenue-share-payments", Roles.TREASURY,
                    BodyKind.ANY));
                all.add(new Endpoint("POST", "/api/v1/orders/" + realOrderId + "/revenue-share-payments",
                    Roles.TREASURY, BodyKind.PAYMENT));
                all.add(new Endpoint("GET", "/api/v1/orders/" + realOrderId, Roles.ERP, BodyKind.NONE));
            }
            case "regulator-service" -> {
                all.add(new Endpoint("GET", "/api/v1/policy", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/policy/versions", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/policy/versions/{id}", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("POST", "/api/v1/proposals/policy", Roles.COMPLIANCE, BodyKind.GARBAGE_ONLY));
                all.add(new Endpoint("PUT", "/api/v1/policy/versions/{id}", Roles.COMPLIANCE,
                    BodyKind.GARBAGE_ONLY));
                all.add(new Endpoint("GET", "/api/v1/applications", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/applications/{id}", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("POST", "/api/v1/applications/{id}/usage-scenario", Roles.COMPLIANCE,
                    BodyKind.ANY));
                all.add(new Endpoint("POST", "/api/v1/applications/{id}/decision", Roles.COMPLIANCE,
                    BodyKind.ANY));
                all.add(new Endpoint("POST", "/api/v1/proposals/designations/{designation}", Roles.COMPLIANCE,
                    BodyKind.GARBAGE_ONLY));
                all.add(new Endpoint("POST", "/api/v1/proposals/revocations/{designation}", Roles.COMPLIANCE,
                    BodyKind.NONE));
                all.add(new Endpoint("POST", "/api/v1/proposals/{id}/approve", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("POST", "/api/v1/proposals/{id}/reject", Roles.COMPLIANCE,
                    BodyKind.GARBAGE_ONLY));
                all.add(new Endpoint("POST", "/api/v1/proposals/{id}/withdraw", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/proposals/{id}", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/proposals", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/designations/{id}", Roles.COMPLIANCE, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/designations", Roles.COMPLIANCE, BodyKind.NONE));
            }
            default -> {
                all.add(new Endpoint("GET", "/api/v1/balances?currency={id}", Roles.AUDITOR, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/summary?currency={id}", Roles.AUDITOR, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/accounts/{id}/entries", Roles.AUDITOR, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/orders/{id}/entries", Roles.AUDITOR, BodyKind.NONE));
                all.add(new Endpoint("GET", "/api/v1/audit/verify", Roles.AUDITOR, BodyKind.NONE));
            }
        }
        // Every service: dead-letter operations on ids that do not exist, and paths that name nothing.
        all.add(new Endpoint("GET", "/api/v1/dead-letters", Roles.OPERATOR, BodyKind.NONE));
        all.add(new Endpoint("GET", "/api/v1/dead-letters/{id}", Roles.OPERATOR, BodyKind.NONE));
        all.add(new Endpoint("POST", "/api/v1/dead-letters/{id}/retry", Roles.OPERATOR, BodyKind.ANY));
        all.add(new Endpoint("POST", "/api/v1/dead-letters/{id}/discard", Roles.OPERATOR, BodyKind.ANY));
        all.add(new Endpoint("POST", "/api/v1/dead-letters/retry-all", Roles.OPERATOR, BodyKind.GARBAGE_ONLY));
        all.add(new Endpoint("GET", "/api/v1/{id}", Roles.OPERATOR, BodyKind.NONE));
        all.add(new Endpoint("POST", "/api/v1/{id}/{id}", Roles.ERP, BodyKind.ANY));
        all.add(new Endpoint("PATCH", "/api/v1/orders", Roles.ERP, BodyKind.ANY));
        return all;
    }

    /** Path segments that name nothing: unicode, percent signs, dots, very long, empty. */
    private static Arbitrary<String> ids() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40)
            .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        Arbitrary<String> odd = Arbitraries.of("..", "%2e%2e", "%2F", "%00", "-1", "0", "9223372036854775808",
            "%", "%zz", "a;b=c", "~", "null", "undefined", "00000000-0000-0000-0000-000000000000",
            "x".repeat(2_000), "%C0%AF", "%ED%A0%80");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, text), net.jqwik.api.Tuple.of(1, odd));
    }

    /** Query strings with parameters out of range, repeated, empty or unknown. */
    private static Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("limit", "cursor", "afterId", "status", "consumerGroup",
            "currency", "customerId", "from", "to", "x");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("-1", "0", "201", "501", "abc", "",
            "1e9", "99999999999999999999", "%", "%zz", "USD%00", "OPEN", "NOPE", "x".repeat(3_000)),
            Arbitraries.strings().all().ofMaxLength(20).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(4).map(list -> String.join("&", list));
    }

    /** Content types, charsets, Accept variants, oversized values, broken credentials and keys. */
    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> contentType = Arbitraries.of("application/json", "application/json; charset=UTF-8",
            "application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "application/json; charset=nope",
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/problem+json", "a/b/c", "*/*", "");
        Arbitrary<String> accept = Arbitraries.of("application/json", "text/html", "application/xml", "*/*",
            "application/json;q=0", "image/png", "nonsense", "text/plain; charset=UTF-16", "");
        Arbitrary<String> idempotencyKey = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric()
            .ofMinLength(1).ofMaxLength(300).map(s -> "fuzz-" + s), Arbitraries.of("", " ", "x".repeat(5_000)));
        Arbitrary<String> big = Arbitraries.integers().between(1, 40).map(k -> "y".repeat(k * 1_024));
        return Combinators.combine(contentType.optional(), accept.optional(), idempotencyKey.optional(),
            big.optional(), Arbitraries.of("ok", "none", "garbage", "wrong-password").optional())
            .as((ct, ac, key, large, auth) -> {
                Map<String, String> headers = new LinkedHashMap<>();
                ct.ifPresent(v -> headers.put("Content-Type", v));
                ac.ifPresent(v -> headers.put("Accept", v));
                key.ifPresent(v -> headers.put("Idempotency-Key", v));
                large.ifPresent(v -> headers.put("X-Fuzz-Large", v));
                headers.put("X-Fuzz-Auth", auth.orElse("ok"));
                return headers;
            });
    }

    /** Which bad body (the endpoint decides which it may get): index into the kinds below. */
    private static Arbitrary<Object[]> bodyChoice() {
        return Combinators.combine(Arbitraries.integers().between(0, 9),
            Arbitraries.strings().all().ofMaxLength(200), Arbitraries.of(StandardCharsets.UTF_8,
                StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1))
            .as((kind, text, charset) -> new Object[] {kind, text, charset});
    }

    private static Request build(Endpoint endpoint, String id, String query, Map<String, String> headers,
                                 Object[] bodyChoice, Framing framing) {
        String path = endpoint.path().replace("{designation}",
            FUZZ_DESIGNATIONS.get(Math.floorMod(id.hashCode(), FUZZ_DESIGNATIONS.size())));
        path = path.replace("{id}", id.isEmpty() ? "%20" : id);
        if (!query.isEmpty()) {
            path = path + (path.contains("?") ? "&" : "?") + query;
        }
        byte[] body = body(endpoint.body(), (Integer) bodyChoice[0], (String) bodyChoice[1],
            (Charset) bodyChoice[2]);
        return new Request(endpoint.method(), path, endpoint.role(), headers, body,
            body == null ? Framing.LENGTH : framing);
    }

    private static byte[] body(BodyKind kind, int n, String text, Charset charset) {
        if (kind == BodyKind.NONE) {
            return n < 3 ? text.getBytes(charset) : null; // sometimes a body where none belongs
        }
        if (kind == BodyKind.GARBAGE_ONLY) {
            return garbage(n, text, charset);
        }
        if (n < 5 || kind == BodyKind.ANY) {
            return n < 5 ? garbage(n, text, charset) : wrongJson(kind, n, text).getBytes(charset);
        }
        return wrongJson(kind, n, text).getBytes(charset);
    }

    /** Bodies no endpoint takes: text, truncated JSON, deep nesting, scalars, huge, empty. */
    private static byte[] garbage(int n, String text, Charset charset) {
        String body = switch (n % 7) {
            case 0 -> text;
            case 1 -> "{\"amount\": {\"amount\": \"1" + text.length();          // truncated
            case 2 -> "[".repeat(5_000 + text.length());                       // deep nesting
            case 3 -> "\"" + text.replace("\"", "") + "\"";                    // a JSON string
            case 4 -> "{\"a\":\"" + "z".repeat(300_000) + "\"}";                // 300 KB
            case 5 -> "";
            default -> "<xml>" + text + "</xml>";
        };
        return body.getBytes(charset);
    }

    /** JSON objects an order or payment endpoint refuses: wrong types, impossible values. */
    private static String wrongJson(BodyKind kind, int n, String text) {
        String customer = FUZZ_CUSTOMERS.get(Math.floorMod(text.hashCode(), FUZZ_CUSTOMERS.size()));
        String badAmount = List.of("\"-1.00\"", "\"0.001\"", "\"abc\"", "12", "null", "\"1e400\"",
            "\"99999999999999999999999999999.99\"", "{}", "[]", "\"\"").get(Math.floorMod(text.length(), 10));
        String badCurrency = List.of("\"usd\"", "\"\"", "7", "\"US\"", "null").get(n % 5);
        String money = "{\"amount\": " + badAmount + ", \"currency\": " + badCurrency + "}";
        if (kind == BodyKind.PAYMENT) {
            return n % 2 == 0 ? "{\"amount\": " + money + ", \"treasuryReference\": 12}"
                : "{\"amount\": \"25.00\", \"treasuryReference\": []}";
        }
        return switch (n % 5) {
            case 0 -> "{\"customerId\": \"" + customer + "\", \"customerName\": 5, \"product\": [],"
                + " \"quantity\": \"ten\", \"unitPrice\": " + money + ", \"erpReference\": {}}";
            case 1 -> "{\"customerId\": \"" + customer + "\", \"customerName\": \"X\", \"product\": \"H200-NVL\","
                + " \"quantity\": -3, \"unitPrice\": " + money + ", \"erpReference\": \"r\"}";
            case 2 -> "{\"customerId\": \"" + customer + "\", \"quantity\": 1.5}";
            case 3 -> "{\"customerId\": \"" + customer + "\", \"customerName\": \"X\", \"product\": \"H200-NVL\","
                + " \"quantity\": 99999999999999999999, \"unitPrice\": " + money + ", \"erpReference\": \"r\"}";
            default -> "{\"customerId\": \"" + customer + "\", \"unitPrice\": \"" + text.replace("\"", "")
                + "\"}";
        };
    }
}
