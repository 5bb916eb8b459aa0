package io.tollgate.order.api;

import io.tollgate.contracts.DenialReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The regulator denied the order ({@code AuthorizationDeniedV1}); nothing is owed. */
public record RecordAuthorizationDenialCommand(
        @TargetAggregateIdentifier String orderId,
        String authorizationId,
        String requestEventId,
        List<DenialReason> reasons,
        String policyVersion,
        String decidedBy,
        Instant decidedAt,
        String policyClause) {

    public RecordAuthorizationDenialCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
