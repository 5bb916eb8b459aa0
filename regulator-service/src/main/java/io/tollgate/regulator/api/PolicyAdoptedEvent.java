package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A policy version became the one new decisions use; earlier decisions keep theirs.
 *
 * @param adoptedBy the principal whose request made it take effect: the approver, "startup" for the
 *                  seed, or (events stored before four eyes) the one officer who adopted it
 * <p>An event without approval is stored exactly in its earlier shape (no {@code approval} key).
 *
 * @param approval  proposer and approver; null for the seed and for events stored before four eyes
 */
@Revision("1")
public record PolicyAdoptedEvent(String registerId, Policy policy, String adoptedBy,
                                 Instant adoptedAt, @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) {
}
