package io.tollgate.ledger.balance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.tollgate.ledger.journal.JournalQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gauges read from the journal at scrape time: parked events, and the revenue-share liability per
 * currency (for the configured currencies plus any the journal holds at start, a bounded set).
 * Counters and timers of the write path live in {@code LedgerWriter}.
 */
@ApplicationScoped
public class LedgerMetrics {

    private final MeterRegistry meters;
    private final JournalQueries queries;
    private final List<String> currencies;

    @Inject
    public LedgerMetrics(MeterRegistry meters, JournalQueries queries,
                         @ConfigProperty(name = "tollgate.ledger.metric-currencies") List<String> currencies) {
        this.meters = meters;
        this.queries = queries;
        this.currencies = currencies;
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("tollgate.ledger.parked", queries, JournalQueries::parked)
                .description("Events waiting for what they need (grants without request, payments without grant)")
                .register(meters);
        Set<String> all = new LinkedHashSet<>(currencies);
        all.addAll(queries.liabilityByCurrency().keySet());
        for (String currency : all) {
            Gauge.builder("tollgate.ledger.revenue.share.liability", queries,
                            q -> q.liabilityByCurrency().getOrDefault(currency, 0L))
                    .description("Revenue share owed to payees, in minor units").tag("currency", currency)
                    .baseUnit("minor_units").register(meters);
        }
    }
}
