package io.tollgate.ledger.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The console API's response bodies. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** A figure a source service would not or could not give, with its reason. */
    public record Refusal(String source, int status, String reason) {
    }

    /** One service's outbox lag (events not yet published) and its timers' p99 in seconds. */
    public record ServiceFigures(String service, Double outboxLag, Double outboxPublished,
                                 Map<String, Double> p99Seconds, @Schema(nullable = true) Refusal refusal) {
    }

    /** One dead letter as the owning service listed it, and where its operations are. */
    public record DeadLetterLine(String service, long id, String consumerGroup, String topic, int partition,
                                 long offset, String orderId, String code, String reason, String status,
                                 String deadLetteredAt, String operations) {
    }

    /** Counts only: what operators (and auditors) see. */
    public record Operations(String at, Map<String, Long> ordersByStatus, long parked, long suspendedPayments,
                             long anomalies, Map<String, Long> suspensePostings,
                             List<ServiceFigures> services, List<PartitionLags.Lag> consumerLag,
                             @Schema(nullable = true) String consumerLagRefusal, List<DeadLetterLine> deadLetters,
                             List<Refusal> deadLetterRefusals, Double reviewQueue) {
    }

    /** Revenue share per currency (the ledger's summary) and exposure still awaiting authorization. */
    public record CurrencyMoney(String currency, String grossAuthorized, String revenueShareDue,
                                String revenueSharePaid, String revenueShareOutstanding,
                                long ordersAwaitingAuthorization, String grossAwaitingAuthorization) {
    }

    public record Money(String at, List<CurrencyMoney> currencies, boolean exposureComplete,
                        @Schema(nullable = true) Refusal exposureRefusal) {
    }

    /**
     * What one server-sent event carries: the sections the caller may see (others null), or why
     * this refresh has no figures (the next one tries again).
     */
    public record Snapshot(String at, long sequence, Operations operations, Money money, String error) {
    }

    /** One part of the drill-down: the source's answer, or why there is none. */
    public record Part(String source,
                       @Schema(implementation = Object.class, nullable = true, description = "The source's own JSON "
                               + "answer as it gave it: an order (order-service), an application (regulator-service) "
                               + "or OrderEntries (ledger); null when refused") JsonNode body,
                       @Schema(nullable = true) Refusal refusal) {
    }

    /** An order across the services. */
    public record Drilldown(String orderId, Part order, Part application, Part ledger) {
    }
}
