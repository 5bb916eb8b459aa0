package io.tollgate.regulator.api;

import io.tollgate.contracts.OrderRequestedV2;
import io.tollgate.contracts.TransactionKind;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open the application for an order; a redelivered request (same event id) changes nothing.
 *
 * @param buyerHeadquarters          null when the order did not say (only CN and MO)
 * @param ultimateParentHeadquarters null when the order did not say (only CN and MO)
 */
public record ReceiveApplicationCommand(@TargetAggregateIdentifier String orderId,
                                        String requestEventId, String customerId,
                                        String customerName, String productSku,
                                        String productFamily, long quantity,
                                        String usageScenario, Instant requestedAt,
                                        Instant receivedAt, String destination,
                                        TransactionKind transactionKind, String buyerHeadquarters,
                                        String ultimateParentHeadquarters) {

    /** The application for {@code order} (any wire version, read as the current one). */
    public static ReceiveApplicationCommand of(String requestEventId, OrderRequestedV2 order, Instant receivedAt) {
        return new ReceiveApplicationCommand(order.orderId(), requestEventId, order.customerId(),
                order.customerName(), order.productSku(), order.productFamily(), order.quantity(),
                order.usageScenario(), order.occurredAt(), receivedAt, order.destination(),
                order.transactionKind(), order.buyerHeadquarters(), order.ultimateParentHeadquarters());
    }
}
