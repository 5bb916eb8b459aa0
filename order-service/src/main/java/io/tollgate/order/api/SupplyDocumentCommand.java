package io.tollgate.order.api;

import io.tollgate.contracts.SuppliedDocument;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The ERP supplies a document the regulator's policy requires of the order's application;
 * order-service passes it to the regulator ({@code DocumentSuppliedV1}), which records and judges it.
 *
 * @param document   the document, valid by the contract's field rules (checked at the edge)
 * @param supplyId   identifies this supply across retries (made from the Idempotency-Key), or null
 *                   when the caller sent no key
 * @param suppliedBy the authenticated caller, whose client must be the one that created the order
 */
public record SupplyDocumentCommand(
        @TargetAggregateIdentifier String orderId,
        SuppliedDocument document,
        String supplyId,
        String suppliedBy,
        Instant suppliedAt) {

    public SupplyDocumentCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(suppliedAt, "suppliedAt");
    }
}
