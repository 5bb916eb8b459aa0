package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The regulator's grant was applied: the order is AUTHORIZED and {@code revenueShareDue} is owed.
 *
 * @param revenueShareDue {@code RevenueShare.of(gross, rate)}, computed once when the grant arrived
 * @param policyClause    the clause of {@code policyVersion} that decided; null in events stored before
 *                        decisions named their clause (they read back with it absent)
 */
@Revision("1")
public record OrderAuthorizedEvent(
        String orderId,
        String authorizationId,
        String requestEventId,
        String revenueShareRate,
        String payee,
        Money revenueShareDue,
        String policyVersion,
        String decidedBy,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {
}
