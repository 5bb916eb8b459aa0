package io.tollgate.eventing.axon;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
    /** Set while work runs on behalf of a caller on another thread (a group commit). */
    private static final ThreadLocal<String> ON_BEHALF_OF = new ThreadLocal<>();

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
        String caller = caller();
        return caller == null ? systemPrincipal : caller;
    }

    /**
     * The authenticated caller of this thread's HTTP request (or the one this thread works for),
     * or null when there is none.
     */
    public static String caller() {
        String onBehalfOf = ON_BEHALF_OF.get();
        if (onBehalfOf != null) {
            return onBehalfOf;
        }
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        var association = container.instance(CurrentIdentityAssociation.class);
        if (!association.isAvailable() || association.get() == null) {
            return null;
        }
        SecurityIdentity identity = association.get().getIdentity();
        return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    /** Runs {@code work} so that the commands it sends carry {@code principal} (null: as usual). */
    public static <T> T callAs(String principal, Callable<T> work) throws Exception {
        if (principal == null) {
            return work.call();
        }
        String before = ON_BEHALF_OF.get();
        ON_BEHALF_OF.set(principal);
        try {
            return work.call();
        } finally {
            if (before == null) {
                ON_BEHALF_OF.remove();
            } else {
                ON_BEHALF_OF.set(before);
            }
        }
    }
}
