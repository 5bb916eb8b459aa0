package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The proposer took the proposal back; nothing changed. */
@Revision("1")
public record RuleChangeWithdrawnEvent(String proposalId, String withdrawnBy, Instant withdrawnAt) {
}
