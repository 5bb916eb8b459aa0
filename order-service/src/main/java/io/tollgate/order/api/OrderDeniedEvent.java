package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.contracts.DenialReason;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The regulator's denial was applied: the order is DENIED, with the reasons.
 *
 * @param policyClause the clause of {@code policyVersion} that decided; null in events stored before
 *                     decisions named their clause (they read back with it absent)
 */
@Revision("1")
public record OrderDeniedEvent(
        String orderId,
        String authorizationId,
        String requestEventId,
        List<DenialReason> reasons,
        String policyVersion,
        String decidedBy,
        Instant decidedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause) {
}
