package io.tollgate.order.api;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The regulator granted the order ({@code AuthorizationGrantedV1}); the revenue share is now owed.
 *
 * @param revenueShareRate the granted rate as a wire decimal string ("0.25")
 * @param decidedAt        when the regulator decided
 */
public record RecordAuthorizationGrantCommand(
        @TargetAggregateIdentifier String orderId,
        String authorizationId,
        String requestEventId,
        String revenueShareRate,
        String payee,
        String policyVersion,
        String decidedBy,
        Instant decidedAt,
        String policyClause) {

    public RecordAuthorizationGrantCommand {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Objects.requireNonNull(revenueShareRate, "revenueShareRate");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
