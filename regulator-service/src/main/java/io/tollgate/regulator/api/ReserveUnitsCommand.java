package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Count a grant's units against the customer's quarter; refused if revoked or above the cap. */
public record ReserveUnitsCommand(@TargetAggregateIdentifier String customerId, String orderId,
                                  String quarter, long units, Instant at) {
}
