package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adopt a new policy version. With {@code onlyIfNone} (the start-up seed) it does nothing
 * when any version has been adopted before.
 */
public record AdoptPolicyCommand(@TargetAggregateIdentifier String registerId, Policy policy,
                                 String adoptedBy, boolean onlyIfNone, Instant at) {

    /** The id of the one policy register. */
    public static final String REGISTER_ID = "regulator-policy";
}
