package io.tollgate.order.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ERP's webhook endpoint for tests: the JDK's HTTP server on 127.0.0.1 and a free port, keeping
 * every request it got and answering each with the next scripted status (then the default one).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String webhookId, String deliveryId, String signature, String contentType, byte[] body,
                    JsonNode json, int answered) {

        List<JsonNode> items() {
            List<JsonNode> items = new ArrayList<>();
            json.path("items").forEach(items::add);
            return items;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger otherwise = new AtomicInteger(200);
    private volatile String location;
    private volatile boolean silent;
    private final List<HttpExchange> unanswered = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next requests are answered with these statuses, in order. */
    WebhookReceiver answering(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Requests beyond the script are answered with this status. */
    WebhookReceiver otherwise(int status) {
        otherwise.set(status);
        return this;
    }

    /** Every answer carries this Location header (with a 3xx status, a redirect). */
    WebhookReceiver redirectingTo(String url) {
        location = url;
        return this;
    }

    /** Requests are read but never answered (the connection stays open until {@link #close}). */
    WebhookReceiver silent() {
        silent = true;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Every item of every request answered 2xx, in the order they arrived. */
    List<JsonNode> taken() {
        List<JsonNode> items = new ArrayList<>();
        received.stream().filter(r -> r.answered() / 100 == 2).forEach(r -> items.addAll(r.items()));
        return items;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Integer scripted = script.poll();
        int status = scripted == null ? otherwise.get() : scripted;
        var headers = exchange.getRequestHeaders();
        received.add(new Received(headers.getFirst("Tollgate-Webhook-Id"), headers.getFirst("Tollgate-Delivery-Id"),
                headers.getFirst("Tollgate-Signature"), headers.getFirst("Content-Type"), body, JSON.readTree(body),
                status));
        if (silent) {
            unanswered.add(exchange);
            return;
        }
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        unanswered.forEach(HttpExchange::close);
        server.stop(0);
    }
}
