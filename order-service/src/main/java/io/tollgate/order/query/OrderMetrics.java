package io.tollgate.order.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.contracts.Money;
import jakarta.inject.Singleton;
import io.tollgate.eventing.db.AfterCommit;

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
     * Adds an amount to {@code tollgate.orders.revenue.share.due} or {@code .paid}. A Micrometer
     * counter is a double: fine for a dashboard, which is all this is; the ledger keeps the money.
     */
    void amount(String name, Money amount) {
        Counter counter = Counter.builder(name)
                .description("Revenue share amounts in the major unit of the currency tag")
                .tag("currency", amount.currency())
                .register(meters);
        double value = amount.value().doubleValue();
        afterCommit.run(() -> counter.increment(value));
    }
}
