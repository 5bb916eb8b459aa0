package io.tollgate.regulator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A customer is (again) on the register with these details; a null cap means no cap.
 *
 * <p>An event without approval is stored exactly in its earlier shape (no {@code approval} key).
 *
 * @param approval proposer and approver; null in events stored before four eyes
 */
@Revision("1")
public record CustomerDesignatedEvent(String customerId, String name, String country,
                                      Long unitCapPerQuarter, Instant designatedAt,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) Approval approval) {
}
