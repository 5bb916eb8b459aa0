package io.tollgate.order.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.contracts.Money;
import io.tollgate.eventing.db.AfterCommit;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order lifecycle counters ({@code tollgate.orders.requested|authorized|denied|cancelled|settled},
 * tags currency and product_family) and the revenue share amounts due and paid (tag currency).
 * Counted only once the transaction that stored the event commits, so a rolled-back command is
 * never counted.
 */
@Singleton
public class OrderMetrics {

    static final String REQUESTED = "tollgate.orders.requested";
    static final String AUTHORIZED = "tollgate.orders.authorized";
    static final String DENIED = "tollgate.orders.denied";
    static final String CANCELLED = "tollgate.orders.cancelled";
    static final String SETTLED = "tollgate.orders.settled";
    static final String SHARE_DUE = "tollgate.orders.revenue.share.due";
    static final String SHARE_PAID = "tollgate.orders.revenue.share.paid";

    private final MeterRegistry meters;
    private final AfterCommit afterCommit;
    /** Exact running totals in minor units, per meter name and currency. */
    private final Map<String, AtomicLong> minorTotals = new ConcurrentHashMap<>();

    public OrderMetrics(MeterRegistry meters, AfterCommit afterCommit) {
        this.meters = meters;
        this.afterCommit = afterCommit;
    }

    /** Counts one lifecycle step of an order once the current transaction commits. */
    void count(String name, String currency, String productFamily) {
        Counter counter = Counter.builder(name)
                .description("Orders that reached this step of the lifecycle")
                .tag("currency", currency)
                .tag("product_family", productFamily)
                .register(meters);
        afterCommit.run(counter::increment);
    }

    /**
     * Adds an amount to {@code tollgate.orders.revenue.share.due} or {@code .paid}. The total is
     * kept exactly as a long count of minor units; only Prometheus' read converts it to the major
     * unit, so no rounding error accumulates. The ledger, not this metric, is the money of record.
     */
    void amount(String name, Money amount) {
        AtomicLong total = minorTotals.computeIfAbsent(name + "|" + amount.currency(), key -> {
            AtomicLong created = new AtomicLong();
            int digits = amount.minorDigits();
            FunctionCounter.builder(name, created, t -> BigDecimal.valueOf(t.get(), digits).doubleValue())
                    .description("Revenue share amounts in the major unit of the currency tag")
                    .tag("currency", amount.currency())
                    .register(meters);
            return created;
        });
        long minor = amount.minorUnits();
        afterCommit.run(() -> total.addAndGet(minor));
    }
}
