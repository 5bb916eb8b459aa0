package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deny an application whose wait for US volume expired at or before {@code at}; returns true when
 * it did, false when the application waits no more or not yet that long.
 */
public record ExpireUsVolumeWaitCommand(@TargetAggregateIdentifier String orderId, String authorizationId,
                                        Instant at) {
}
