package io.tollgate.order.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The regulator's application for the order started waiting (again), and for what: the order stays
 * REQUESTED and shows what is asked until the next wait, a supplied scenario or the decision.
 *
 * @param waitingFor  USAGE_SCENARIO, OFFICER_REVIEW, or a name the contract adds later
 * @param track       the track that waits (US_EXPORT or CN_IMPORT), or null when the regulator named none
 * @param code        the regulator's stable code of why it waits
 * @param requirement what is asked, in the regulator's words
 */
@Revision("1")
public record AuthorizationPendingEvent(
        String orderId,
        String waitingFor,
        @JsonInclude(JsonInclude.Include.NON_NULL) String track,
        String code,
        String requirement,
        String policyVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String policyClause,
        Instant pendingSince) {
}
