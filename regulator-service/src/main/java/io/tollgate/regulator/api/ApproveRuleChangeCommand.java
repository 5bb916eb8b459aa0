package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Approve a proposal (answered with the {@link RuleChange} to apply); refused for its proposer. */
public record ApproveRuleChangeCommand(@TargetAggregateIdentifier String proposalId, String approvedBy,
                                       Instant at) {
}
