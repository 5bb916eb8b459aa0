package io.tollgate.regulator.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.tollgate.regulator.api.AdoptPolicyCommand;
import io.tollgate.regulator.api.PolicyAdoptedEvent;
import io.tollgate.regulator.api.PolicyVersionExistsException;
import io.tollgate.regulator.policy.PolicyValidator;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The one register of policy versions (a singleton aggregate). An aggregate rather than a table
 * row so that every change is an event in the same store as the decisions it governs (an auditor
 * replays both), and so that "a version is adopted once" is checked in one serialised place.
 */
public class PolicyRegister {

    @AggregateIdentifier
    private String registerId;
    private final Set<String> versions = new HashSet<>();

    /** For Axon: rebuilt from events. */
    public PolicyRegister() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdoptPolicyCommand command) {
        if (command.onlyIfNone()) {
            seed(command);
            return;
        }
        if (command.approval() == null) {
            // Only the start-up seed adopts without a second principal; anything else is a bug.
            throw new IllegalArgumentException("adopting policy " + command.policy().version()
                    + " needs an approved proposal");
        }
        PolicyValidator.validate(command.policy());
        if (versions.contains(command.policy().version())) {
            throw new PolicyVersionExistsException(command.policy().version());
        }
        apply(new PolicyAdoptedEvent(command.registerId(), command.policy(), command.approval().approvedBy(),
                command.at(), command.approval()));
    }

    /** The start-up seed: the shipped policy, only while none was ever adopted (no approval). */
    private void seed(AdoptPolicyCommand command) {
        if (versions.isEmpty()) {
            PolicyValidator.validate(command.policy());
            apply(new PolicyAdoptedEvent(command.registerId(), command.policy(), command.adoptedBy(),
                    command.at(), null));
        }
    }

    @EventSourcingHandler
    void on(PolicyAdoptedEvent event) {
        registerId = event.registerId();
        versions.add(event.policy().version());
    }
}
