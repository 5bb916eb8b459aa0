package io.tollgate.regulator.command;

import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.policy.CustomerStanding;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The designated register as it stood at one point of the event store's history: every customer's
 * {@link Designation} rebuilt by the aggregate's own event handlers, one event at a time, so a
 * standing read between two events is the one a decision made there was given. Read-only: it
 * handles no command and stores nothing. Not thread-safe (one reader replays one history).
 */
public final class RegisterReplay {

    /** The payload types that change a designation; every other payload is none of its business. */
    public static final Set<Class<?>> EVENT_TYPES = Set.of(CustomerDesignatedEvent.class,
            DesignationRevokedEvent.class, UnitsReservedEvent.class, UnitsReturnedEvent.class);

    private final Map<String, Designation> customers = new HashMap<>();

    /** Applies one designation event, as the aggregate would when it is loaded. */
    public void apply(Object event) {
        if (event instanceof CustomerDesignatedEvent) {
            CustomerDesignatedEvent designated = (CustomerDesignatedEvent) event;
            customers.computeIfAbsent(designated.customerId(), id -> new Designation()).on(designated);
        } else if (event instanceof DesignationRevokedEvent) {
            DesignationRevokedEvent revoked = (DesignationRevokedEvent) event;
            existing(revoked.customerId()).on(revoked);
        } else if (event instanceof UnitsReservedEvent) {
            UnitsReservedEvent reserved = (UnitsReservedEvent) event;
            existing(reserved.customerId()).on(reserved);
        } else if (event instanceof UnitsReturnedEvent) {
            UnitsReturnedEvent returned = (UnitsReturnedEvent) event;
            existing(returned.customerId()).on(returned);
        } else {
            throw new IllegalArgumentException("not a designation event: " + event.getClass().getName());
        }
    }

    /** The customer's standing for {@code quarter} now; never designated so far: not designated. */
    public CustomerStanding standing(String customerId, String quarter) {
        Designation designation = customers.get(customerId);
        return designation == null ? CustomerStanding.notDesignated(customerId, quarter)
                : designation.standing(quarter);
    }

    /** A designation's later events always follow its first: a stream that breaks this is corrupt. */
    private Designation existing(String customerId) {
        Designation designation = customers.get(customerId);
        if (designation == null) {
            throw new IllegalStateException("designation event of customer " + customerId
                    + " before the customer was designated");
        }
        return designation;
    }
}
