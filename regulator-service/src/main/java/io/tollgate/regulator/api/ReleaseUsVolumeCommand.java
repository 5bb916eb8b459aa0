package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A granted order was cancelled: its units no longer count (nothing happens if none were counted). */
public record ReleaseUsVolumeCommand(@TargetAggregateIdentifier String volumeId, String orderId, Instant at) {
}
