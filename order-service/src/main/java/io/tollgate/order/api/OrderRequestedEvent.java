package io.tollgate.order.api;

import io.tollgate.contracts.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An order was requested. Carries every field of {@code OrderRequestedV1}, so the relay maps it
 * without reading anything else.
 *
 * @param productFamily derived from the SKU when the order was taken (hopper, blackwell, rubin, unknown)
 * @param grossAmount   unit price × quantity, exact
 */
@Revision("1")
public record OrderRequestedEvent(
        String orderId,
        String customerId,
        String customerName,
        String productSku,
        String productFamily,
        long quantity,
        Money unitPrice,
        Money grossAmount,
        String usageScenario,
        String erpReference,
        String requestedBy,
        Instant occurredAt) {
}
