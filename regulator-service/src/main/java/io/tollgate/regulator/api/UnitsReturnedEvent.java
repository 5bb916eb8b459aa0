package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A cancelled grant's units no longer count. */
@Revision("1")
public record UnitsReturnedEvent(String customerId, String orderId, String quarter, long units,
                                 Instant returnedAt) {
}
