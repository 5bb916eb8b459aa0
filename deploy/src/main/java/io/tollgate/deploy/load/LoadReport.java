package io.tollgate.deploy.load;

import java.util.List;
import java.util.Map;

/**
 * Everything one load run measured; printed as the run's last line (one JSON object) for scripts.
 * Rates are per second, latencies in milliseconds, lags in records, CPU in percent of one core.
 */
public record LoadReport(
    String runId,
    String startedAt,
    int connections,
    double rateTarget,
    double loadSeconds,
    Orders orders,
    double acceptedPerSecond,
    double endToEndPerSecond,
    boolean drained,
    double drainSeconds,
    Latencies.Summary post,
    Latencies.Summary postToAuthorized,
    Latencies.Summary postToPosted,
    Sampling sampling,
    Lag lagAtStop,
    Lag lagAtEnd,
    Documents documents,
    Payments payments,
    List<ProcessStats.Usage> processes,
    KafkaBaseline.Result kafka,
    Ratios ratios) {

    /** Orders sent and what the stack did with them (ledger figures are deltas over the run). */
    public record Orders(long sent, long accepted, long refused, long errors, long acceptedToBeDenied,
                         long ledgerRequested, long ledgerDecided, long ledgerAuthorized,
                         long ledgerDenied) {
    }

    /** How the POST → authorized → posted stages were observed. */
    public record Sampling(int every, long sampled, long authorizedSeen, long postedSeen,
                           long pollIntervalMs) {
    }

    /**
     * Work not yet done: orders accepted but not yet decided at the ledger, and each consumer
     * group's records not yet read.
     */
    public record Lag(long ordersNotYetAtLedger, Map<String, Long> consumerGroups) {
    }

    /**
     * The compliance side: orders to be granted whose two documents were to be supplied, supplied
     * (each order's KYC attestation and lab report), and given up on (no application waiting for
     * them within the bound, or the run ended first).
     */
    public record Documents(long orders, long supplied, long givenUp) {
    }

    /** Revenue-share payments (only with --payments); amounts as decimal strings in USD. */
    public record Payments(long sent, long accepted, long refused, String amountAccepted,
                           String ledgerPaidDelta) {
    }

    /** Our rates as a share of what one plain Kafka client does on the same broker. */
    public record Ratios(double acceptedToKafkaProducer, double endToEndToKafkaProducer,
                         double endToEndToKafkaConsumer) {
    }
}
