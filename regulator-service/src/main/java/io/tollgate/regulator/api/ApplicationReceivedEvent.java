package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An order asked for authorization. {@code quarter} is the unit-cap period of the order. */
@Revision("1")
public record ApplicationReceivedEvent(String orderId, String requestEventId, String customerId,
                                       String customerName, String productSku,
                                       String productFamily, long quantity,
                                       String usageScenario, String quarter,
                                       Instant requestedAt, Instant receivedAt) {
}
