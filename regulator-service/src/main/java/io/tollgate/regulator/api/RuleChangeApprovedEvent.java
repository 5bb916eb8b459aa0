package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A second compliance principal approved the proposal; its change is stored in the same transaction. */
@Revision("1")
public record RuleChangeApprovedEvent(String proposalId, ProposalKind kind, String subject,
                                      String proposedBy, String approvedBy, Instant approvedAt) {
}
