package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An order was requested. Carries every field of {@code OrderRequestedV1}, so the relay maps it
 * without reading anything else.
 *
 * @param productFamily the contract's product catalogue's family of the SKU when the order was taken
 *                      (hopper, cdna3, blackwell, cdna4, rubin, or unknown)
 * @param grossAmount   unit price × quantity, exact
 * @param client        the authenticated client that owns the order (a Basic user's name, or a
 *                      token's issuer and subject): only it reads and cancels the order among ERP
 *                      callers, and its Idempotency-Keys are its own. Absent in events stored before
 *                      clients owned their orders: see {@link #owner}. Such an event is still
 *                      written in exactly its stored shape (no {@code client} key).
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
        Instant occurredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String client) {

    /**
     * The client that owns the order: {@link #client}, or for an event stored before it existed the
     * principal stamped on the event's metadata (null when none was: such an order belongs to no
     * client, and only callers who read every order see it).
     */
    public String owner(String metadataPrincipal) {
        return client != null ? client : metadataPrincipal;
    }
}
