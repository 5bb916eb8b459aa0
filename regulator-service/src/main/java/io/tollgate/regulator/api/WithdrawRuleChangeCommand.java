package io.tollgate.regulator.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take back one's own proposal before anyone decided it. */
public record WithdrawRuleChangeCommand(@TargetAggregateIdentifier String proposalId, String withdrawnBy,
                                        Instant at) {
}
