package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A second compliance principal refused the proposal; nothing changed. */
@Revision("1")
public record RuleChangeRejectedEvent(String proposalId, String proposedBy, String rejectedBy, String reason,
                                      Instant rejectedAt) {
}
