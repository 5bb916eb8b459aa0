package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adopt a new policy version. With {@code seed} (the start-up seed of a shipped version,
 * adopted by {@code adoptedBy} "startup" without approval) it does nothing when that version was
 * adopted before or any version came from an approved proposal; every other adoption comes from
 * an approved proposal and carries its {@code approval}.
 */
public record AdoptPolicyCommand(@TargetAggregateIdentifier String registerId, Policy policy,
                                 String adoptedBy, Approval approval, boolean seed, Instant at) {

    /** The id of the one policy register. */
    public static final String REGISTER_ID = "regulator-policy";
}
