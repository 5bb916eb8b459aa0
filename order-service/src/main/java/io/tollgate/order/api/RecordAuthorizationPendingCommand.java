package io.tollgate.order.api;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The regulator's application for the order waits ({@code AuthorizationPendingV1}): for a usage
 * scenario from the buyer, or for an officer's review. Nothing is decided.
 *
 * @param waitingFor  USAGE_SCENARIO, OFFICER_REVIEW, or a name added to the contract later
 * @param requirement what is asked, in the regulator's words
 */
public record RecordAuthorizationPendingCommand(
        @TargetAggregateIdentifier String orderId,
        String waitingFor,
        String track,
        String code,
        String requirement,
        String policyVersion,
        String policyClause,
        Instant pendingSince) {

    public RecordAuthorizationPendingCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(waitingFor, "waitingFor");
        Objects.requireNonNull(pendingSince, "pendingSince");
    }
}
