package io.tollgate.contracts;

import java.time.Instant;

/**
 * An event on the wire. Every event belongs to one order: its id is the Kafka key and the
 * CloudEvents subject, so all events of one order stay ordered within their topic.
 */
public sealed interface WireEvent
        permits OrderRequested, OrderCancelledV1, RevenueSharePaidV1,
                AuthorizationGrantedV1, AuthorizationDeniedV1, AuthorizationPendingV1,
                UsageScenarioSuppliedV1, DocumentSuppliedV1, SupplyPassedOverV1 {

    String orderId();

    /** When the fact happened in the business (the CloudEvents {@code time}). */
    Instant occurredAt();
}
