package io.tollgate.regulator.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.tollgate.regulator.api.DesignationChange;
import io.tollgate.regulator.api.ProposalKind;
import io.tollgate.regulator.api.ProposalStatus;
import io.tollgate.regulator.policy.Policy;
import java.time.Instant;

/**
 * A rule-change proposal as the API shows it: what it changes, who proposed it, and who decided it
 * (the approver when APPROVED, the other officer when REJECTED, the proposer when WITHDRAWN).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProposalView(String proposalId, ProposalKind kind, String subject, ProposalStatus status,
                           Policy policy, DesignationChange designation, String proposedBy,
                           Instant proposedAt, String decidedBy, Instant decidedAt, String reason,
                           @JsonIgnore long rowNo) {
}
