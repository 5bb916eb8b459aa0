package io.tollgate.regulator.command;

import io.quarkus.runtime.StartupEvent;
import io.tollgate.regulator.api.AdoptPolicyCommand;
import io.tollgate.regulator.policy.Policy;
import io.tollgate.regulator.policy.PolicyDocuments;
import io.tollgate.regulator.query.ReadModelQueries;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Adopts the shipped policy on first start (after Axon starts, before the consumer loops do) and
 * answers which policy version new decisions use; changes go through approved proposals
 * ({@link RuleChanges}).
 */
@ApplicationScoped
public class PolicyBootstrap {

    private static final Logger LOG = Logger.getLogger(PolicyBootstrap.class);

    private final CommandGateway commands;
    private final ReadModelQueries queries;
    private final String defaultResource;

    public PolicyBootstrap(CommandGateway commands, ReadModelQueries queries,
                           @ConfigProperty(name = "tollgate.regulator.default-policy") String defaultResource) {
        this.commands = commands;
        this.queries = queries;
        this.defaultResource = defaultResource;
    }

    /** Priority 50: after Axon (10), before eventing's consumer loops (100). */
    void onStart(@Observes @Priority(50) StartupEvent event) {
        Policy shipped = PolicyDocuments.readResource(defaultResource);
        commands.sendAndWait(new AdoptPolicyCommand(AdoptPolicyCommand.REGISTER_ID, shipped, "startup", null, true,
                Clock.systemUTC().instant()));
        LOG.infof("Policy in force: %s", current().version());
    }

    public Policy current() {
        return queries.currentPolicy().orElseThrow(() ->
                new IllegalStateException("no policy adopted: the start-up seed did not run"));
    }

}
