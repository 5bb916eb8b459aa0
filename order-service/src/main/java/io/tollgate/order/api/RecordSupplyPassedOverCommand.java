package io.tollgate.order.api;

import io.tollgate.contracts.DocumentKind;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The regulator passed over a usage scenario or document this order supplied, because it arrived
 * after the application was decided or withdrawn ({@code SupplyPassedOverV1}). Recorded in any
 * state, once per supply record; nothing changes but the order's history.
 *
 * @param supply           USAGE_SCENARIO, DOCUMENT, or a name added to the contract later
 * @param supplyEventId    the id of the supply record on the orders topic (this service's event id)
 * @param documentKind     a passed-over document's kind; null for a usage scenario
 * @param applicationState the application's state that made the supply late (GRANTED, DENIED,
 *                         WITHDRAWN, or a name added later)
 */
public record RecordSupplyPassedOverCommand(
        @TargetAggregateIdentifier String orderId,
        String supply,
        String supplyEventId,
        DocumentKind documentKind,
        String applicationState,
        Instant passedOverAt) {

    public RecordSupplyPassedOverCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(supply, "supply");
        Objects.requireNonNull(supplyEventId, "supplyEventId");
        Objects.requireNonNull(applicationState, "applicationState");
        Objects.requireNonNull(passedOverAt, "passedOverAt");
    }
}
