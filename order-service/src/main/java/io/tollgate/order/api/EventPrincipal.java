package io.tollgate.order.api;

import io.tollgate.eventing.axon.PrincipalInterceptor;
import org.axonframework.eventhandling.EventMessage;

/**
 * Who caused an event: the {@value PrincipalInterceptor#PRINCIPAL} metadata eventing stamps on every
 * command (the authenticated caller, or {@code system:<service>} for consumer work) and Axon copies
 * onto its events. Events stored before that stamp existed fall back to what their payload recorded.
 */
public final class EventPrincipal {

    private EventPrincipal() {
    }

    /**
     * @param recorded the principal the payload carries (requestedBy, cancelledBy, recordedBy), or null
     * @return the metadata principal if present, else {@code recorded} (may be null for old events)
     */
    public static String of(EventMessage<?> message, String recorded) {
        Object principal = message.getMetaData().get(PrincipalInterceptor.PRINCIPAL);
        return principal instanceof String && !((String) principal).isEmpty() ? (String) principal : recorded;
    }

    /** The metadata principal only, or null (events without one: stored before it was stamped). */
    public static String of(EventMessage<?> message) {
        return of(message, null);
    }
}
