package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Refuse a proposal; for a principal other than its proposer (who withdraws instead). */
public record RejectRuleChangeCommand(@TargetAggregateIdentifier String proposalId, String rejectedBy,
                                      String reason, Instant at) {
}
