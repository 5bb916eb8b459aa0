package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DocumentKind;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A usage scenario or document reached the application after it was granted, denied or withdrawn
 * and was passed over. It changes nothing in the application: it is kept so the ERP is told
 * (published as {@code SupplyPassedOverV1}) and an auditor sees it arrived.
 *
 * @param supply            USAGE_SCENARIO or DOCUMENT (the wire event's names)
 * @param supplyEventId     the CloudEvents id of the supply record on the orders topic
 * @param documentKind      the kind of a document; absent for a usage scenario
 * @param applicationStatus the application's status that made the supply late
 */
@Revision("1")
public record SupplyPassedOverEvent(String orderId, String supply, String supplyEventId,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) DocumentKind documentKind,
                                    ApplicationStatus applicationStatus, Instant passedOverAt) {
}
