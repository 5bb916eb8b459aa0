package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adopt a new policy version. With {@code onlyIfNone} (the start-up seed, adopted by
 * {@code adoptedBy} "startup" without approval) it does nothing when any version has been adopted
 * before; every other adoption comes from an approved proposal and carries its {@code approval}.
 */
public record AdoptPolicyCommand(@TargetAggregateIdentifier String registerId, Policy policy,
                                 String adoptedBy, Approval approval, boolean onlyIfNone, Instant at) {

    /** The id of the one policy register. */
    public static final String REGISTER_ID = "regulator-policy";
}
