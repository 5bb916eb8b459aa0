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

    /** {@code adoptedBy} of versions the start-up seed adopted. */
    public static final String SEED_PRINCIPAL = "startup";

    @AggregateIdentifier
    private String registerId;
    private final Set<String> versions = new HashSet<>();
    /** Whether any version came from an approved proposal: from then on officers own the register. */
    private boolean approvedAdoption;

    /** For Axon: rebuilt from events. */
    public PolicyRegister() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AdoptPolicyCommand command) {
        if (command.seed()) {
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

    /**
     * The start-up seed: a shipped version (no approval), adopted once, and only while no version
     * came from an approved proposal — once officers have adopted one, a release's history no longer
     * changes their register (they may propose the shipped versions through four eyes instead).
     */
    private void seed(AdoptPolicyCommand command) {
        if (!approvedAdoption && !versions.contains(command.policy().version())) {
            PolicyValidator.validate(command.policy());
            apply(new PolicyAdoptedEvent(command.registerId(), command.policy(), command.adoptedBy(),
                    command.at(), null));
        }
    }

    @EventSourcingHandler
    void on(PolicyAdoptedEvent event) {
        registerId = event.registerId();
        versions.add(event.policy().version());
        // Before four eyes an officer adopted alone (no approval, adoptedBy not "startup").
        approvedAdoption |= event.approval() != null || !SEED_PRINCIPAL.equals(event.adoptedBy());
    }
}
