package io.tollgate.order.api;

import io.tollgate.contracts.DenialReason;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The regulator's denial was applied: the order is DENIED, with the reasons. */
@Revision("1")
public record OrderDeniedEvent(
        String orderId,
        String authorizationId,
        String requestEventId,
        List<DenialReason> reasons,
        String policyVersion,
        String decidedBy,
        Instant decidedAt) {
}
