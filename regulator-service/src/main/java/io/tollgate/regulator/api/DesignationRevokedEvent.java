package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer is off the register: orders decided from now on are denied.
 *
 * <p>An event without approval is stored exactly in its earlier shape (no {@code approval} key).
 *
 * @param approval proposer and approver; null in events stored before four eyes
 */
@Revision("1")
public record DesignationRevokedEvent(String customerId, Instant revokedAt,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) {
}
