package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One US shipment report as recorded: the answer to its POST, and to every repeat of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsShipmentReportView(String reportId, String productClass, String period, long units,
                                   @Schema(nullable = true) String reference, String reportedBy,
                                   Instant reportedAt) {
}
