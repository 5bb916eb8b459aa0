package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A granted order was cancelled: its units go back to the customer's quarter; the grant stands. */
@Revision("1")
public record GrantedUnitsReturnedEvent(String orderId, String authorizationId, String customerId,
                                        String quarter, long quantity, Instant returnedAt) {
}
