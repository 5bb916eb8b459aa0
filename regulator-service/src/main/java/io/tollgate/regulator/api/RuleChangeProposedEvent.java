package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A compliance principal proposed a rule change; nothing takes effect until another approves. */
@Revision("1")
public record RuleChangeProposedEvent(String proposalId, ProposalKind kind, String subject, Policy policy,
                                      DesignationChange designation, String proposedBy, Instant proposedAt) {
}
