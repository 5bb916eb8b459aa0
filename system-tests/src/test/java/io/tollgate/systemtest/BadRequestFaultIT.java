package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.contracts.Roles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Fault suite: at least 10,000 generated bad requests per service ({@link BadRequests}) while 8
 * clients order and pay. No answer is a 5xx, and nothing stored changes: no order for the fuzz
 * customers, no fuzz designation, the current policy (and its version) as before, no dead letter, every
 * good order and payment exactly once and the ledger equal to the reference model.
 */
class BadRequestFaultIT extends FaultCase {

    private static final Logger LOG = Logger.getLogger(BadRequestFaultIT.class.getName());
    private static final int PER_SERVICE = Integer.getInteger("tollgate.faults.bad-requests", 10_000);
    /** Generated requests java.net.http cannot send (an illegal URI) are skipped, within this bound. */
    private static final int GENERATED_MAX = PER_SERVICE * 2;
    private static final int SENDERS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(3)).build();


    @Override
    protected String stackName() {
        return "fault-bad-requests";
    }

    @Test
    void badRequestsToEveryServiceUnderLoadNeverAnswer5xxNorChangeAnything() throws Exception {
        startLoad("fuzz");
        awaitMoreOrders(16);
        RegulatorApi regulator = new RegulatorApi(stack);
        Http compliance = new Http(stack.credentials(), Roles.COMPLIANCE, stack.regulator().baseUrl());
        String policyBefore = regulator.policy().toString();
        String realOrder = load.accepted().values().iterator().next().orderId();

        List<String> serverErrors = new CopyOnWriteArrayList<>();
        long sent = 0;
        for (ServiceProcess service : stack.services()) {
            sent += fire(service, realOrder, serverErrors);
        }
        awaitMoreOrders(16);
        load.stop();

        LOG.info(() -> "FAULT-FIGURES-5XX bad requests: " + serverErrors.size()
            + " answered 5xx, e.g. " + serverErrors.subList(0, Math.min(5, serverErrors.size())));
        assertThat(serverErrors).as("5xx answers to bad requests (request → answer)").isEmpty();
        assertThat(regulator.policy().toString()).as("policy").isEqualTo(policyBefore);
        for (String id : BadRequests.FUZZ_DESIGNATIONS) {
            assertThat(compliance.get("/api/v1/designations/" + id).status()).as("designation " + id)
                .isEqualTo(404);
        }
        OrderApi orders = new OrderApi(stack);
        for (String customer : BadRequests.FUZZ_CUSTOMERS) {
            List<JsonNode> held = orders.ordersOf(customer);
            assertThat(held).as("orders stored for fuzz customer " + customer).isEmpty();
        }
        FaultVerdict.judge("bad requests " + PER_SERVICE + " per service", stack, load, sent, Set.of());
    }

    /** Sends {@link #PER_SERVICE} generated requests from {@link #SENDERS} threads; returns the count. */
    private long fire(ServiceProcess service, String realOrder, List<String> serverErrors)
        throws Exception {
        Iterator<BadRequests.Request> generated = BadRequests.forService(service.name(), realOrder)
            .sampleStream().limit(GENERATED_MAX).iterator();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        AtomicLong unsendable = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        Map<String, AtomicLong> truncated = new ConcurrentHashMap<>();
        long startNs = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                running.add(senders.submit(() -> {
                    while (sent.get() < PER_SERVICE) {
                        BadRequests.Request request;
                        synchronized (generated) {
                            if (!generated.hasNext()) {
                                return;
                            }
                            request = generated.next();
                        }
                        Integer status = request.framing().truncated()
                            ? sendTruncated(service, request, truncated)
                            : send(service, request, unsendable, closed);
                        if (status == null) {
                            continue;
                        }
                        sent.incrementAndGet();
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status >= 500) {
                            String seen = service.name() + ": " + request.describe() + " → " + status;
                            serverErrors.add(seen);
                        }
                    }
                }));
            }
            for (Future<?> sender : running) {
                sender.get(30, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        statuses.forEach((s, n) -> byStatus.put(s, n.get()));
        double seconds = (System.nanoTime() - startNs) / 1e9;
        Map<String, Long> cutShort = new TreeMap<>();
        truncated.forEach((outcome, n) -> cutShort.put(outcome, n.get()));
        LOG.info(() -> String.format("%s: %d bad requests in %.0f s, answers %s, %d connections"
                + " closed without an answer, %d generated requests not sendable by java.net.http;"
                + " bodies cut short: %s", service.name(), sent.get(), seconds, byStatus,
            closed.get(), unsendable.get(), cutShort));
        assertThat(sent.get()).as(service.name() + ": bad requests sent").isGreaterThanOrEqualTo(PER_SERVICE);
        return sent.get();
    }

    /**
     * Sends a request whose body is cut short on a socket of its own (java.net.http always sends
     * what it declares): the head, half of the body under a Content-Length of the whole or in a
     * chunk declared whole, then the output is shut. Returns the status, or null when the server
     * closed without one or did not answer within {@link #REQUEST_TIMEOUT}; counts each outcome.
     */
    private Integer sendTruncated(ServiceProcess service, BadRequests.Request request,
                                  Map<String, AtomicLong> outcomes) {
        byte[] body = request.body();
        boolean chunked = request.framing() == BadRequests.Framing.TRUNCATED_CHUNKED;
        StringBuilder head = new StringBuilder(request.method() + " " + request.path()
            + " HTTP/1.1\r\nHost: 127.0.0.1:" + service.port() + "\r\n");
        request.headers().forEach((name, value) -> {
            if (!"X-Fuzz-Auth".equals(name)) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        authorization(request)
            .ifPresent(value -> head.append("Authorization: ").append(value).append("\r\n"));
        head.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length)
            .append("\r\nConnection: close\r\n\r\n");
        if (chunked) {
            head.append(Integer.toHexString(body.length)).append("\r\n");
        }
        String outcome;
        Integer status = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 3_000);
            socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body, 0, body.length / 2);
            out.flush();
            socket.shutdownOutput();
            status = statusOf(socket.getInputStream());
            outcome = status == null ? "closed" : String.valueOf(status);
        } catch (SocketTimeoutException noAnswer) {
            outcome = "no answer in " + REQUEST_TIMEOUT.toSeconds() + " s";
        } catch (IOException closedWithoutAnswer) {
            outcome = "closed";
        }
        outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
        return status;
    }

    /** The status code of the answer's status line, or null if the connection ended before one. */
    private static Integer statusOf(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n' && line.length() < 200; b = in.read()) {
            line.append((char) b);
        }
        String[] parts = line.toString().trim().split(" ");
        return parts.length >= 2 && parts[0].startsWith("HTTP/") && parts[1].matches("\\d{3}")
            ? Integer.valueOf(parts[1]) : null;
    }

    /** The status, or null when java.net.http refuses to build it or the server closed without one. */
    private Integer send(ServiceProcess service, BadRequests.Request request, AtomicLong unsendable,
                         AtomicLong closed) {
        HttpRequest built;
        try {
            built = build(service, request);
        } catch (IllegalArgumentException notSendable) {
            unsendable.incrementAndGet();
            return null;
        }
        try {
            return CLIENT.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException closedWithoutAnswer) {
            closed.incrementAndGet(); // e.g. an oversized header: the server may close the connection
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private HttpRequest build(ServiceProcess service, BadRequests.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(service.baseUrl() + request.path()))
            .timeout(REQUEST_TIMEOUT);
        HttpRequest.BodyPublisher body;
        if (request.body() == null) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (request.framing() == BadRequests.Framing.CHUNKED) {
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()));
        } else {
            body = HttpRequest.BodyPublishers.ofByteArray(request.body());
        }
        builder.method(request.method(), body);
        request.headers().forEach((name, value) -> {
            if (!"X-Fuzz-Auth".equals(name)) {
                builder.header(name, value);
            }
        });
        authorization(request).ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private java.util.Optional<String> authorization(BadRequests.Request request) {
        String auth = request.headers().getOrDefault("X-Fuzz-Auth", "ok");
        return switch (auth) {
            case "none" -> java.util.Optional.empty();
            case "garbage" -> java.util.Optional.of("Basic !!!not-base64");
            case "wrong-password" -> java.util.Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((request.role() + ":wrong").getBytes(StandardCharsets.UTF_8)));
            default -> stack.credentials().authorizationHeader(request.role());
        };
    }
}
