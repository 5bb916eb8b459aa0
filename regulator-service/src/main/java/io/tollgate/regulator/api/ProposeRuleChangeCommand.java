package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Propose a rule change; it takes effect only when another compliance principal approves it.
 *
 * @param subject     the policy version (ADOPT_POLICY) or the customer id (the designation kinds)
 * @param policy      the document, for ADOPT_POLICY only
 * @param designation the entry, for DESIGNATE_CUSTOMER only
 */
public record ProposeRuleChangeCommand(@TargetAggregateIdentifier String proposalId, ProposalKind kind,
                                       String subject, Policy policy, DesignationChange designation,
                                       String proposedBy, Instant at) {

    public ProposeRuleChangeCommand {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(proposedBy, "proposedBy");
        Objects.requireNonNull(at, "at");
        if ((kind == ProposalKind.ADOPT_POLICY) != (policy != null)
                || (kind == ProposalKind.DESIGNATE_CUSTOMER) != (designation != null)) {
            throw new IllegalArgumentException(kind + " proposal with policy " + (policy != null)
                    + " and designation " + (designation != null));
        }
    }
}
