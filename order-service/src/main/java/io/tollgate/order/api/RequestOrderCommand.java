package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import io.tollgate.contracts.TransactionKind;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An ERP system asks to buy {@code quantity} units of {@code productSku} for a customer.
 *
 * @param requestedBy the authenticated caller (the wire event takes it from the "principal" metadata)
 * @param requestedAt when the request was accepted; becomes the event's {@code occurredAt}
 * @param destination where the order ships (ISO 3166-1 alpha-2, validated at the edge)
 * @param buyerHeadquarters          null when not stated (allowed for CN and MO only)
 * @param ultimateParentHeadquarters null when not stated (allowed for CN and MO only)
 */
public record RequestOrderCommand(
        @TargetAggregateIdentifier String orderId,
        String customerId,
        String customerName,
        String productSku,
        long quantity,
        Money unitPrice,
        String usageScenario,
        String erpReference,
        String requestedBy,
        Instant requestedAt,
        String destination,
        TransactionKind transactionKind,
        String buyerHeadquarters,
        String ultimateParentHeadquarters) {

    public RequestOrderCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(productSku, "productSku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(transactionKind, "transactionKind");
    }
}
