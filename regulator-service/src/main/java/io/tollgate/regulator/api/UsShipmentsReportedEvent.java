package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Units shipped to US end-use customers, as the exporter's ERP reported them (they only add up). */
@Revision("1")
public record UsShipmentsReportedEvent(String volumeId, String productClass, String period, String reportId,
                                       long units,
                                       @JsonInclude(JsonInclude.Include.NON_NULL) String reference,
                                       Instant reportedAt) {
}
