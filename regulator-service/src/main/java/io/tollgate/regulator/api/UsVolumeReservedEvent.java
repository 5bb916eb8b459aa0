package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A grant's units now count as authorized in its product class and period. */
@Revision("1")
public record UsVolumeReservedEvent(String volumeId, String productClass, String period, String orderId,
                                    long units, Instant reservedAt) {
}
