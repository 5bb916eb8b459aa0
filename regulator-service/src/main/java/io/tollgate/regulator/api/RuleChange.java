package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;

/** An approved proposal's change with its four-eyes record: what the approver's request applies. */
public record RuleChange(ProposalKind kind, String subject, Policy policy, DesignationChange designation,
                         Approval approval) {
}
