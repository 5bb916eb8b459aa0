package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A grant's units now count against the customer's cap for {@code quarter}. */
@Revision("1")
public record UnitsReservedEvent(String customerId, String orderId, String quarter, long units,
                                 Instant reservedAt) {
}
