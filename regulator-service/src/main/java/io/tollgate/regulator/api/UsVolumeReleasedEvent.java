package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A cancelled grant's units no longer count as authorized in its product class and period. */
@Revision("1")
public record UsVolumeReleasedEvent(String volumeId, String productClass, String period, String orderId,
                                    long units, Instant releasedAt) {
}
