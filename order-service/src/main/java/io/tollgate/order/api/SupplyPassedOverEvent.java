package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DocumentKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The regulator passed over a usage scenario or document the ERP supplied for this order: it came
 * after the application was decided or withdrawn (the order still looked REQUESTED when it was
 * taken), so it was not considered. Kept in the order's history and change feed so the ERP sees
 * it; the order's status does not change.
 *
 * @param supply           USAGE_SCENARIO, DOCUMENT, or a name the contract adds later
 * @param supplyEventId    the id of the supply record (this service's event) that was passed over
 * @param documentKind     a passed-over document's kind; null for a usage scenario
 * @param applicationState the regulator's application state that made the supply late
 * @param status           the order's status when it was recorded (unchanged by it)
 */
@Revision("1")
public record SupplyPassedOverEvent(
        String orderId,
        String supply,
        String supplyEventId,
        @JsonInclude(JsonInclude.Include.NON_NULL) DocumentKind documentKind,
        String applicationState,
        OrderStatus status,
        Instant passedOverAt) {
}
