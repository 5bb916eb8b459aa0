package io.tollgate.order.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An ERP's webhook endpoint for tests: the JDK's HTTP server on 127.0.0.1 and a free port, keeping
 * every request it got and answering each with the next scripted status (then the default one).
 * Requests are handled on several threads, so two posts of one subscription at once would be seen
 * ({@link #mostAtOnce}).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String webhookId, String deliveryId, String signature, String contentType, byte[] body,
                    JsonNode json, int answered, Instant arrivedAt) {

        List<JsonNode> items() {
            List<JsonNode> items = new ArrayList<>();
            json.path("items").forEach(items::add);
            return items;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;
    /** Longest a held request waits for its release. */
    private static final Duration HOLD_MAX = Duration.ofSeconds(60);

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger otherwise = new AtomicInteger(200);
    private volatile String location;
    private volatile boolean silent;
    private final List<HttpExchange> unanswered = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger atOnce = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger slowMsMax = new AtomicInteger();
    private final AtomicReference<Hold> hold = new AtomicReference<>();

    /** The next request waits until {@link #release}: {@code arrived} opens when it is there. */
    private record Hold(CountDownLatch arrived, CountDownLatch released, AtomicInteger status) {
    }

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** Each answer comes after a random pause of up to {@code ms}, as a busy endpoint's would. */
    WebhookReceiver slow(int ms) {
        slowMsMax.set(ms);
        return this;
    }

    /** The next request is held, unanswered, until {@link #release}. */
    WebhookReceiver holdNext() {
        hold.set(new Hold(new CountDownLatch(1), new CountDownLatch(1), new AtomicInteger(200)));
        return this;
    }

    /** Waits (at most {@code atMost}) for the held request to arrive; true if it did. */
    boolean heldArrived(Duration atMost) throws InterruptedException {
        return hold.get().arrived().await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Answers the held request with {@code status} (its sender may be gone by then). */
    void release(int status) {
        Hold held = hold.get();
        held.status().set(status);
        held.released().countDown();
    }

    /** The most requests of one endpoint in progress at the same time so far. */
    int mostAtOnce() {
        return mostAtOnce.get();
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
        int now = atOnce.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The sender went away before the answer (a test stopped it): nothing to answer.
        } finally {
            atOnce.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange) throws IOException, InterruptedException {
        Instant arrivedAt = Instant.now();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Integer scripted = script.poll();
        int status = scripted == null ? otherwise.get() : scripted;
        Hold held = hold.get();
        if (held != null && held.arrived().getCount() > 0) {
            held.arrived().countDown();
            if (!held.released().await(HOLD_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a held request was never released");
            }
            status = held.status().get();
        }
        var headers = exchange.getRequestHeaders();
        received.add(new Received(headers.getFirst("Tollgate-Webhook-Id"), headers.getFirst("Tollgate-Delivery-Id"),
                headers.getFirst("Tollgate-Signature"), headers.getFirst("Content-Type"), body, JSON.readTree(body),
                status, arrivedAt));
        if (silent) {
            unanswered.add(exchange);
            return;
        }
        int slowMs = slowMsMax.get();
        if (slowMs > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(slowMs + 1)); // a busy endpoint, not a wait
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
        Hold held = hold.get();
        if (held != null) {
            held.released().countDown();
        }
        server.stop(0);
        threads.shutdownNow();
    }
}
