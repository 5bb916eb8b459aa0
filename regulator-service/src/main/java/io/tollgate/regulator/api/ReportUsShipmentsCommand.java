package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The exporter's ERP reports units shipped to US end-use customers of one product class in one
 * period. Answers true when recorded, false when the same report (same id, same figures) was
 * recorded before; the same id with other figures is refused.
 *
 * @param reference the ERP's own reference (a delivery or invoice batch); null when none
 */
public record ReportUsShipmentsCommand(@TargetAggregateIdentifier String volumeId, String productClass,
                                       String period, String reportId, long units, String reference,
                                       Instant reportedAt) {
}
