package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open the application for an order; a redelivered request (same event id) changes nothing. */
public record ReceiveApplicationCommand(@TargetAggregateIdentifier String orderId,
                                        String requestEventId, String customerId,
                                        String customerName, String productSku,
                                        String productFamily, long quantity,
                                        String usageScenario, Instant requestedAt,
                                        Instant receivedAt) {
}
