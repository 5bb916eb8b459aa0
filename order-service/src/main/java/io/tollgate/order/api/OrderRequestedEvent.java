package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.Money;
import io.tollgate.contracts.TransactionKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An order was requested. Carries every field of {@code OrderRequestedV2}, so the relay maps it
 * without reading anything else. Revision 2 added where the order goes and who buys it; revision 1
 * events (every order before) load as exports to China with the headquarters not stated
 * ({@code command.OrderRequestedUpcaster}).
 *
 * @param productFamily the contract's product catalogue's family of the SKU when the order was taken
 *                      (hopper, cdna3, blackwell, cdna4, rubin, or unknown)
 * @param grossAmount   unit price × quantity, exact
 * @param client        the authenticated client that owns the order (a Basic user's name, or a
 *                      token's issuer and subject): only it reads and cancels the order among ERP
 *                      callers, and its Idempotency-Keys are its own. Absent in events stored before
 *                      clients owned their orders: see {@link #owner}. Such an event is still
 *                      written in exactly its stored shape (no {@code client} key).
 * @param destination   where the order ships (ISO 3166-1 alpha-2)
 * @param transactionKind export from the US, reexport or in-country transfer
 * @param buyerHeadquarters          null when not stated (allowed for CN and MO only)
 * @param ultimateParentHeadquarters null when not stated (allowed for CN and MO only)
 */
@Revision("2")
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String client,
        String destination,
        TransactionKind transactionKind,
        @JsonInclude(JsonInclude.Include.NON_NULL) String buyerHeadquarters,
        @JsonInclude(JsonInclude.Include.NON_NULL) String ultimateParentHeadquarters) {

    /**
     * The client that owns the order: {@link #client}, or for an event stored before it existed the
     * principal stamped on the event's metadata (null when none was: such an order belongs to no
     * client, and only callers who read every order see it).
     */
    public String owner(String metadataPrincipal) {
        return client != null ? client : metadataPrincipal;
    }
}
