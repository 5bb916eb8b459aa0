package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The ERP supplied the usage scenario the order's application waited for; it is published for the
 * regulator, and the order waits for the regulator's answer (a decision, or another wait).
 *
 * @param supplyId   the supply's id across retries (from the Idempotency-Key), or null without a key
 * @param suppliedBy the caller that supplied it (the wire event takes the "principal" metadata)
 */
@Revision("1")
public record UsageScenarioSuppliedEvent(
        String orderId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String supplyId,
        String usageScenario,
        String suppliedBy,
        Instant occurredAt) {
}
