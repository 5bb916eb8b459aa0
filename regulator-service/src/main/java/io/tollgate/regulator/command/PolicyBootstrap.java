package io.tollgate.regulator.command;

import io.quarkus.runtime.StartupEvent;
import io.tollgate.regulator.api.AdoptPolicyCommand;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.tollgate.regulator.policy.PolicyHistory;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Adopts the shipped policy history on start (after Axon starts, before the consumer loops do)
 * and answers which version decides an application; changes go through approved proposals
 * ({@link RuleChanges}).
 */
@ApplicationScoped
public class PolicyBootstrap {

    private static final Logger LOG = Logger.getLogger(PolicyBootstrap.class);

    private final CommandGateway commands;
    private final ReadModelQueries queries;
    private final Clock clock = Clock.systemUTC();

    public PolicyBootstrap(CommandGateway commands, ReadModelQueries queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Priority 50: after Axon (10), before eventing's consumer loops (100). */
    void onStart(@Observes @Priority(50) StartupEvent event) {
        for (Policy shipped : PolicyDocuments.shipped()) {
            commands.sendAndWait(new AdoptPolicyCommand(AdoptPolicyCommand.REGISTER_ID, shipped,
                    PolicyRegister.SEED_PRINCIPAL, null, true, clock.instant()));
        }
        LOG.infof("Policy in force now: %s", inForceAt(clock.instant()).version());
    }

    /**
     * The version that decides an application whose order was requested at {@code requestedAt}:
     * the one in force at that instant ({@link PolicyHistory#inForceAt}).
     */
    public Policy inForceAt(Instant requestedAt) {
        return history().inForceAt(requestedAt);
    }

    /** The version in force now (what an order requested now would be decided under). */
    public Policy current() {
        return inForceAt(clock.instant());
    }

    /** Every adopted version: what decisions choose the version in force from. */
    public PolicyHistory history() {
        return queries.policyHistory().orElseThrow(() ->
                new IllegalStateException("no policy adopted: the start-up seed did not run"));
    }
}
