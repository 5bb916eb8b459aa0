package io.tollgate.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An order's request is one trace across the three services, and so is the compliance officer's
 * call that completes its documents and so causes its grant, read where an operator reads it: the
 * JSON log lines each service process writes in production, whose MDC carries the order id, the
 * event id and the trace id. No line of the order carries a trace no caller started. The spans
 * themselves stay in each process (export is off by default), so a listening port given as the
 * OTLP endpoint must see no connection at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceAcrossServicesIT {

    private static final List<String> SERVICES =
        List.of("order-service", "regulator-service", "ledger-service");

    private final AtomicInteger exportConnections = new AtomicInteger();
    private ServerSocket collector;
    private TollgateStack stack;
    private OrderApi orders;
    private RegulatorApi regulator;
    private Compliance compliance;
    private LedgerApi ledger;

    @BeforeAll
    void startStack() throws IOException {
        collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptUntilClosed, "otlp-trap");
        acceptor.setDaemon(true);
        acceptor.start();
        stack = TollgateStack.start("trace", Map.of(
            // JSON lines as in production (the local profile turns them off for people).
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
            // eventing's line per request written, event published and record applied.
            "QUARKUS_LOG_CATEGORY__IO_TOLLGATE_EVENTING__LEVEL", "DEBUG",
            // An endpoint that listens: with export off (the default) nothing may connect to it.
            "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "http://127.0.0.1:" + collector.getLocalPort(),
            "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
        orders = new OrderApi(stack);
        ledger = new LedgerApi(stack);
        regulator = new RegulatorApi(stack);
        regulator.designate("bytedance", "ByteDance Ltd.", "CN");
        compliance = new Compliance(stack);
        compliance.reportAmpleUsShipments("H200-SXM-141GB", "H200-NVL");
    }

    @AfterAll
    void stopStack() throws IOException {
        if (stack != null) {
            stack.close();
        }
        collector.close();
    }

    @Test
    @Order(1)
    void theRequestAndTheGrantingDocumentCallAreEachOneTraceInTheLogLinesOfAllThreeServices() {
        // given
        OrderLine line = OrderLine.h200("bytedance", "ByteDance Ltd.", "H200-SXM-141GB", 10,
            "31500.00", "PO-T1");

        // when the ERP orders and the officer's tool supplies the documents under traces of its own
        String orderId = orders.submitAccepted("trace-" + UUID.randomUUID(), line);
        List<String> officerTraces = supplyDocumentsTraced(orderId);
        Map<String, Set<String>> traces = awaitTracesOf(orderId, officerTraces.get(1));

        // then besides the officer's, the lines of the order name one trace (the request's), in
        // every service, and the call that completed the documents reaches every service too
        Set<String> requestTraces = traces.values().stream().flatMap(Set::stream)
            .filter(t -> !officerTraces.contains(t)).collect(Collectors.toSet());
        assertThat(requestTraces).as("request trace ids of order %s by service: %s", orderId, traces).hasSize(1);
        String requestTrace = requestTraces.iterator().next();
        assertThat(requestTrace).matches("[0-9a-f]{32}");
        for (String service : SERVICES) {
            assertThat(traces.get(service)).as("trace ids of %s in %s", orderId, service)
                .contains(requestTrace, officerTraces.get(1));
        }
    }

    @Test
    @Order(2)
    void anErpsOwnTraceContinuesThroughAllThreeServices() {
        // given an ERP that sends its own trace context
        String traceId = hex(16);
        OrderLine line = OrderLine.h200("bytedance", "ByteDance Ltd.", "H200-NVL", 4, "28999.99",
            "PO-T2");

        // when
        String orderId = orders.submit("trace-" + UUID.randomUUID(), line,
            Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"))
            .expect(202).text("orderId");
        List<String> officerTraces = supplyDocumentsTraced(orderId);
        Map<String, Set<String>> traces = awaitTracesOf(orderId, officerTraces.get(1));

        // then the ERP's trace reaches every service, and no line names a trace no caller started
        for (String service : SERVICES) {
            assertThat(traces.get(service)).as("trace ids of %s in %s", orderId, service)
                .contains(traceId).isSubsetOf(traceId, officerTraces.get(0), officerTraces.get(1));
        }
    }

    /**
     * The officer's tool supplies the two documents the order waits for, each call under a trace
     * of its own; answers the two trace ids (the second call completes the documents).
     */
    private List<String> supplyDocumentsTraced(String orderId) {
        JsonNode application = Waits.applicationStatus(regulator, orderId, Compliance.AWAITING_DOCUMENTS);
        List<String> traceIds = new ArrayList<>();
        for (Map<String, Object> document : Compliance.documents(application)) {
            String traceId = hex(16);
            compliance.supply(orderId, document, Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"))
                .expect(200);
            traceIds.add(traceId);
        }
        return traceIds;
    }

    @Test
    @Order(3)
    void nothingIsExportedWhileExportIsOff() {
        // given the spans of the orders above, finished and past the exporter's 100 ms schedule
        // when / then
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
            .until(() -> exportConnections.get() == 0);
    }

    /**
     * Waits until the order is authorized and posted and each service has written the lines of
     * its part (order-service: the request's write, the send, the decision applied; regulator:
     * the request applied, the decision sent; ledger: both records applied), the grant's under
     * {@code grantTrace}; answers the trace ids of all lines naming the order, by service.
     */
    private Map<String, Set<String>> awaitTracesOf(String orderId, String grantTrace) {
        Waits.orderStatus(orders, orderId, "AUTHORIZED");
        await().atMost(Waits.STEP).pollInterval(Waits.POLL).ignoreExceptions()
            .until(() -> !ledger.entryKinds(orderId).isEmpty());
        Map<String, Integer> expectedLines = Map.of("order-service", 3, "regulator-service", 2,
            "ledger-service", 2);
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Waits.POLL).until(() -> {
            Map<String, Set<String>> traces = new java.util.LinkedHashMap<>();
            for (String service : SERVICES) {
                List<JsonNode> lines = linesOf(service, orderId);
                if (lines.size() < expectedLines.get(service)) {
                    return null;
                }
                Set<String> ids = lines.stream().map(l -> l.path("mdc").path("traceId").asText())
                    .collect(Collectors.toCollection(TreeSet::new));
                if (!ids.contains(grantTrace)) {
                    return null;
                }
                traces.put(service, ids);
            }
            return traces;
        }, t -> t != null);
    }

    /**
     * The JSON lines Tollgate's code wrote in one service's log with the order in their MDC. Lines
     * of other libraries are left out: this test's own polling reads the order too, each read a
     * request of its own with a trace of its own, and a library may log during one of them.
     */
    private List<JsonNode> linesOf(String service, String orderId) {
        ServiceProcess process = stack.services().stream().filter(s -> s.name().equals(service))
            .findFirst().orElseThrow();
        List<JsonNode> lines = new ArrayList<>();
        try {
            for (String text : Files.readAllLines(process.logFile(), StandardCharsets.UTF_8)) {
                if (!text.startsWith("{")) {
                    continue;
                }
                JsonNode line = Http.JSON.readTree(text);
                if (orderId.equals(line.path("mdc").path("orderId").asText())
                    && line.path("loggerName").asText().startsWith("io.tollgate.")) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + service, e);
        }
        return lines;
    }

    private void acceptUntilClosed() {
        while (!collector.isClosed()) {
            try (Socket connection = collector.accept()) {
                exportConnections.incrementAndGet();
            } catch (IOException e) {
                return; // closed by stopStack
            }
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // W3C forbids an all-zero id
        return HexFormat.of().formatHex(random);
    }
}
