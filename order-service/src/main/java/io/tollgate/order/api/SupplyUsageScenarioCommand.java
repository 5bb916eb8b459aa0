package io.tollgate.order.api;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The ERP supplies the usage scenario the order's application waits for; order-service passes it
 * to the regulator ({@code UsageScenarioSuppliedV1}), which judges it.
 *
 * @param supplyId   identifies this supply across retries (made from the Idempotency-Key), or null
 *                   when the caller sent no key
 * @param suppliedBy the authenticated caller, whose client must be the one that created the order
 */
public record SupplyUsageScenarioCommand(
        @TargetAggregateIdentifier String orderId,
        String usageScenario,
        String supplyId,
        String suppliedBy,
        Instant suppliedAt) {

    public SupplyUsageScenarioCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(usageScenario, "usageScenario");
        Objects.requireNonNull(suppliedAt, "suppliedAt");
    }
}
