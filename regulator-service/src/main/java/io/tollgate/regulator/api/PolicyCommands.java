package io.tollgate.regulator.api;

import io.tollgate.regulator.policy.Policy;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands to the {@code PolicyRegister} aggregate, a singleton with id {@link #REGISTER_ID}. */
public final class PolicyCommands {

    public static final String REGISTER_ID = "regulator-policy";

    private PolicyCommands() {
    }

    /**
     * Adopt a new policy version. With {@code onlyIfNone} (the start-up seed) it does nothing
     * when any version has been adopted before.
     */
    public record AdoptPolicyCommand(@TargetAggregateIdentifier String registerId, Policy policy,
                                     String adoptedBy, boolean onlyIfNone, Instant at) {
    }
}
