package io.tollgate.ledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.common.TextFormat;
import io.tollgate.contracts.WireJson;
import io.tollgate.eventing.metrics.PrometheusNames;
import io.tollgate.ledger.journal.JournalQueries;
import io.tollgate.ledger.rest.LedgerViews;
import io.tollgate.ledger.console.ConsoleViews.CurrencyMoney;
import io.tollgate.ledger.console.ConsoleViews.DeadLetterLine;
import io.tollgate.ledger.console.ConsoleViews.Money;
import io.tollgate.ledger.console.ConsoleViews.Operations;
import io.tollgate.ledger.console.ConsoleViews.Refusal;
import io.tollgate.ledger.console.ConsoleViews.ServiceFigures;
import io.tollgate.ledger.console.PrometheusText.Sample;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gathers the console's figures from where they already are: the ledger's summary (read in
 * process, as {@code GET /api/v1/summary} answers it), each service's {@code /q/metrics} and
 * {@code /api/v1/dead-letters}, order-service's order list, and the broker's consumer offsets.
 * Calls to the other services carry the console caller's own credentials.
 */
@ApplicationScoped
public class ConsoleFigures {

    /** Most dead letters listed per service (the newest first is not offered: oldest first). */
    static final int DEAD_LETTERS_PER_SERVICE_MAX = 50;
    /** Pages of order-service's order list read to add up the exposure awaiting authorization. */
    static final int EXPOSURE_PAGES_MAX = 20;
    static final int EXPOSURE_PAGE_SIZE = 500;
    private static final String QUANTILE_P99 = Double.toString(PrometheusNames.P99);
    private static final String METRICS_ACCEPT = "text/plain; version=0.0.4";
    private static final String JSON = "application/json";
    static final String ORDER = "order-service";
    static final String REGULATOR = "regulator-service";
    static final String LEDGER = "ledger-service";

    private final JournalQueries journal;
    private final PartitionLags lags;
    private final PrometheusMeterRegistry registry;
    private final PeerServices peers;
    private final String orderUrl;
    private final String regulatorUrl;
    private final String ledgerPublicUrl;

    @Inject
    public ConsoleFigures(JournalQueries journal, PartitionLags lags, PrometheusMeterRegistry registry,
                          @ConfigProperty(name = "tollgate.console.order-service-url") String orderUrl,
                          @ConfigProperty(name = "tollgate.console.regulator-service-url") String regulatorUrl,
                          @ConfigProperty(name = "tollgate.console.ledger-service-url") String ledgerPublicUrl,
                          @ConfigProperty(name = "tollgate.console.peer-timeout") Duration peerTimeout) {
        this.journal = journal;
        this.lags = lags;
        this.registry = registry;
        this.peers = new PeerServices(peerTimeout, WireJson.mapper());
        this.orderUrl = trim(orderUrl);
        this.regulatorUrl = trim(regulatorUrl);
        this.ledgerPublicUrl = trim(ledgerPublicUrl);
    }

    /** Counts, lags, dead letters and latencies: nothing here is an amount of money. */
    public Operations operations(String authorization) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long parked = 0;
        long suspended = 0;
        long anomalies = 0;
        Map<String, Long> suspense = new TreeMap<>();
        List<String> currencies = journal.currencies();
        for (String currency : currencies.isEmpty() ? List.of("USD") : currencies) {
            JournalQueries.Summary s = journal.summary(currency);
            s.orders().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            // Parked, suspended and anomalies are counted over all currencies by the summary.
            parked = s.parked();
            suspended = s.suspendedPayments();
            anomalies = s.anomalies();
            s.suspense().forEach((account, line) -> suspense.merge(account, line.postings(), Long::sum));
        }
        List<Sample> regulatorMetrics = new ArrayList<>();
        List<ServiceFigures> services = List.of(
                figures(ORDER, peerMetrics(ORDER, orderUrl, authorization, null)),
                figures(REGULATOR, peerMetrics(REGULATOR, regulatorUrl, authorization, regulatorMetrics)),
                figures(LEDGER, new Scrape(PrometheusText.parse(registry.scrape(TextFormat.CONTENT_TYPE_004)), null)));
        List<PartitionLags.Lag> consumerLag = List.of();
        String lagRefusal = null;
        try {
            consumerLag = lags.now();
        } catch (PartitionLags.LagUnavailableException e) {
            lagRefusal = "consumer lag unavailable: " + e.getMessage();
        }
        List<DeadLetterLine> deadLetters = new ArrayList<>();
        List<Refusal> deadLetterRefusals = new ArrayList<>();
        deadLetters(ORDER, orderUrl, authorization, deadLetters, deadLetterRefusals);
        deadLetters(REGULATOR, regulatorUrl, authorization, deadLetters, deadLetterRefusals);
        deadLetters(LEDGER, ledgerPublicUrl, authorization, deadLetters, deadLetterRefusals);
        Double reviewQueue = regulatorMetrics.stream().filter(s -> s.name().equals("tollgate_regulator_review_queue"))
                .map(Sample::value).findFirst().orElse(null);
        return new Operations(Instant.now().toString(), byStatus, parked, suspended, anomalies, suspense, services,
                consumerLag, lagRefusal, deadLetters, deadLetterRefusals, reviewQueue);
    }

    /** Revenue share per currency from the ledger's summary; exposure from order-service's list. */
    public Money money(String authorization) {
        Exposure exposure = exposure(authorization);
        List<CurrencyMoney> lines = new ArrayList<>();
        List<String> currencies = new ArrayList<>(journal.currencies());
        exposure.gross().keySet().stream().filter(c -> !currencies.contains(c)).forEach(currencies::add);
        for (String currency : currencies) {
            LedgerViews.Summary s = LedgerViews.Summary.of(currency, journal.summary(currency));
            BigDecimal awaiting = exposure.gross().get(currency);
            lines.add(new CurrencyMoney(currency, s.grossAuthorized(), s.revenueShareDue(), s.revenueSharePaid(),
                    s.revenueShareOutstanding(), exposure.orders().getOrDefault(currency, 0L),
                    awaiting == null ? null : awaiting.toPlainString()));
        }
        return new Money(Instant.now().toString(), lines, exposure.complete(), exposure.refusal());
    }

    /** The drill-down's order and application, as order-service and regulator-service answer them. */
    PeerServices.Reply order(String orderId, String authorization) {
        return peers.get(ORDER, orderUrl, "/api/v1/orders/" + orderId, JSON, authorization);
    }

    PeerServices.Reply application(String orderId, String authorization) {
        return peers.get(REGULATOR, regulatorUrl, "/api/v1/applications/" + orderId, JSON, authorization);
    }

    private record Scrape(List<Sample> samples, Refusal refusal) {
    }

    private record Exposure(Map<String, BigDecimal> gross, Map<String, Long> orders, boolean complete,
                            Refusal refusal) {
    }

    private Scrape peerMetrics(String service, String url, String authorization, List<Sample> keep) {
        PeerServices.Reply reply = peers.get(service, url, "/q/metrics", METRICS_ACCEPT, authorization);
        if (!reply.ok()) {
            return new Scrape(List.of(), new Refusal(service, reply.status(), reply.problem()));
        }
        List<Sample> samples = PrometheusText.parse(reply.raw());
        if (keep != null) {
            keep.addAll(samples);
        }
        return new Scrape(samples, null);
    }

    private static ServiceFigures figures(String service, Scrape scrape) {
        if (scrape.refusal() != null) {
            return new ServiceFigures(service, null, null, Map.of(), scrape.refusal());
        }
        Double outboxLag = null;
        Double published = null;
        Map<String, Double> p99 = new TreeMap<>();
        for (Sample s : scrape.samples()) {
            if (s.name().equals("tollgate_outbox_lag")) {
                outboxLag = s.value();
            } else if (s.name().equals("tollgate_outbox_published_total")) {
                published = s.value();
            } else if (s.name().startsWith("tollgate_") && QUANTILE_P99.equals(s.label("quantile"))) {
                String key = s.labels().entrySet().stream().filter(e -> !e.getKey().equals("quantile"))
                        .map(e -> e.getKey() + "=" + e.getValue()).reduce(s.name(), (a, b) -> a + " " + b);
                p99.put(key, Double.isNaN(s.value()) ? 0.0 : s.value());
            }
        }
        return new ServiceFigures(service, outboxLag, published, p99, null);
    }

    private void deadLetters(String service, String url, String authorization, List<DeadLetterLine> into,
                             List<Refusal> refusals) {
        PeerServices.Reply reply = peers.get(service, url,
                "/api/v1/dead-letters?limit=" + DEAD_LETTERS_PER_SERVICE_MAX, JSON, authorization);
        if (!reply.ok()) {
            refusals.add(new Refusal(service, reply.status(), reply.problem()));
            return;
        }
        for (JsonNode d : reply.json().path("items")) {
            into.add(new DeadLetterLine(service, d.path("id").asLong(), d.path("consumerGroup").asText(),
                    d.path("topic").asText(), d.path("partition").asInt(), d.path("offset").asLong(),
                    d.path("orderId").asText(null), d.path("code").asText(), d.path("reason").asText(),
                    d.path("status").asText(), d.path("deadLetteredAt").asText(),
                    url + "/api/v1/dead-letters/" + d.path("id").asLong()));
        }
    }

    private Exposure exposure(String authorization) {
        Map<String, BigDecimal> gross = new TreeMap<>();
        Map<String, Long> orders = new TreeMap<>();
        String cursor = null;
        for (int page = 0; page < EXPOSURE_PAGES_MAX; page++) {
            String path = "/api/v1/orders?status=REQUESTED&limit=" + EXPOSURE_PAGE_SIZE
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            PeerServices.Reply reply = peers.get(ORDER, orderUrl, path, JSON, authorization);
            if (!reply.ok()) {
                return new Exposure(Map.of(), Map.of(), false, new Refusal(ORDER, reply.status(), reply.problem()));
            }
            for (JsonNode order : reply.json().path("items")) {
                JsonNode amount = order.path("grossAmount");
                String currency = amount.path("currency").asText();
                gross.merge(currency, new BigDecimal(amount.path("amount").asText()), BigDecimal::add);
                orders.merge(currency, 1L, Long::sum);
            }
            cursor = reply.json().path("nextCursor").asText(null);
            if (cursor == null) {
                return new Exposure(gross, orders, true, null);
            }
        }
        return new Exposure(gross, orders, false, null);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
