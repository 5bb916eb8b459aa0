package io.tollgate.eventing.outbox;

import io.tollgate.contracts.WireEvent;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;

/**
 * Decides which of a service's stored Axon events are published, and as what wire event. The relay
 * publishes the result under the Axon event's identifier as CloudEvents id, so a re-publish after
 * a crash carries the same id and consumers drop it.
 */
public interface OutboxMapper {

    /** The wire event for {@code event}, or empty for internal events that stay private. */
    Optional<WireEvent> toWire(EventMessage<?> event);
}
