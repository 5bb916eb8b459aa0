package io.tollgate.eventing.axon;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * Stamps every command with who asked for it: the authenticated principal of the HTTP request, or
 * {@code system:<service>} for work a consumer loop does. A correlation data provider then copies
 * {@value #PRINCIPAL} onto every event the command produces, so the event store records it.
 */
public final class PrincipalInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String PRINCIPAL = "principal";

    private final String systemPrincipal;

    public PrincipalInterceptor(String serviceName) {
        this.systemPrincipal = "system:" + serviceName;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.getMetaData().containsKey(PRINCIPAL) ? command
                : command.andMetaData(Map.of(PRINCIPAL, current()));
    }

    private String current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return systemPrincipal;
        }
        var association = container.instance(CurrentIdentityAssociation.class);
        if (!association.isAvailable() || association.get() == null) {
            return systemPrincipal;
        }
        SecurityIdentity identity = association.get().getIdentity();
        return identity == null || identity.isAnonymous() ? systemPrincipal : identity.getPrincipal().getName();
    }
}
