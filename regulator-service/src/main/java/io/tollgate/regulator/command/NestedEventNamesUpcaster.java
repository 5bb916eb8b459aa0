package io.tollgate.regulator.command;

import io.tollgate.regulator.api.ApplicationDeniedEvent;
import io.tollgate.regulator.api.ApplicationGrantedEvent;
import io.tollgate.regulator.api.ApplicationReceivedEvent;
import io.tollgate.regulator.api.ApplicationWithdrawnEvent;
import io.tollgate.regulator.api.CustomerDesignatedEvent;
import io.tollgate.regulator.api.DesignationRevokedEvent;
import io.tollgate.regulator.api.GrantedUnitsReturnedEvent;
import io.tollgate.regulator.api.PolicyAdoptedEvent;
import io.tollgate.regulator.api.ReviewRequestedEvent;
import io.tollgate.regulator.api.UnitsReservedEvent;
import io.tollgate.regulator.api.UnitsReturnedEvent;
import io.tollgate.regulator.api.UsageScenarioRequestedEvent;
import io.tollgate.regulator.api.UsageScenarioSuppliedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * The example upcaster of the project. The regulator's events were first declared nested in
 * holder classes, so the event store holds type names such as
 * {@code io.tollgate.regulator.api.ApplicationEvents$ApplicationGrantedEvent} (revision 1). Each
 * event is now a top-level record; this upcaster renames the stored type to it as events are read
 * (the payload shape is unchanged, so the revision stays 1). Stored rows are never edited: old and
 * new names live side by side in the store and both load. Fixtures of the old stored shape are
 * under {@code src/test/resources/stored-events/v1}.
 */
public final class NestedEventNamesUpcaster extends SingleEventUpcaster {

    private static final String API = "io.tollgate.regulator.api.";
    private static final String REVISION = "1";

    /** Old stored type name → the record it now is. */
    private final Map<String, String> renamed = new HashMap<>();

    public NestedEventNamesUpcaster() {
        holder("ApplicationEvents", List.of(ApplicationReceivedEvent.class, UsageScenarioRequestedEvent.class,
                UsageScenarioSuppliedEvent.class, ReviewRequestedEvent.class, ApplicationGrantedEvent.class,
                ApplicationDeniedEvent.class, ApplicationWithdrawnEvent.class, GrantedUnitsReturnedEvent.class));
        holder("DesignationEvents", List.of(CustomerDesignatedEvent.class, DesignationRevokedEvent.class,
                UnitsReservedEvent.class, UnitsReturnedEvent.class));
        holder("PolicyEvents", List.of(PolicyAdoptedEvent.class));
    }

    private void holder(String holder, List<Class<?>> events) {
        for (Class<?> event : events) {
            renamed.put(API + holder + "$" + event.getSimpleName(), event.getName());
        }
    }

    /** The stored type name an event had before the rename, e.g. for fixtures and tests. */
    public static String oldTypeName(String holder, Class<?> event) {
        return API + holder + "$" + event.getSimpleName();
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation intermediate) {
        SerializedType type = intermediate.getType();
        return REVISION.equals(type.getRevision()) && renamed.containsKey(type.getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation intermediate) {
        String newName = renamed.get(intermediate.getType().getName());
        return intermediate.upcastPayload(new SimpleSerializedType(newName, REVISION), byte[].class,
                Function.identity());
    }
}
