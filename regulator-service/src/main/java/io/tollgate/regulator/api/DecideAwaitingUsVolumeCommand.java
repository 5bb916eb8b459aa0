package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.CustomerStanding;
import io.tollgate.regulator.policy.PolicyHistory;
import io.tollgate.regulator.policy.UsVolumeStanding;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decide again an application waiting for US volume, fully, under the version in force when its
 * order was requested (an officer's grant as that officer's grant). Returns the outcome:
 * AWAITING_US_VOLUME (nothing recorded) when it still does not fit; null when it waits no more.
 */
public record DecideAwaitingUsVolumeCommand(@TargetAggregateIdentifier String orderId, PolicyHistory policies,
                                            CustomerStanding standing, UsVolumeStanding usVolume,
                                            String authorizationId, Instant decidedAt) {
}
