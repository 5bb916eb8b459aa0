package io.tollgate.eventing.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Upcasts one stored event type from one revision to the next by adding the fields the new
 * revision gained, with the values an event of the old revision meant (a field the stored payload
 * already has is kept). Stored rows are never edited: the payload is changed as it is read, so old
 * and new revisions live side by side in the store and both load as today's record.
 */
public final class AddedFieldsUpcaster extends SingleEventUpcaster {

    private final String typeName;
    private final String fromRevision;
    private final String toRevision;
    private final Map<String, JsonNode> added;

    /**
     * @param type         the event record as it is today (its stored type name is its class name)
     * @param fromRevision the stored revision to upcast (e.g. "1")
     * @param toRevision   the revision it becomes, the record's {@code @Revision}
     * @param added        each added field and the JSON value an old event implies
     */
    public AddedFieldsUpcaster(Class<?> type, String fromRevision, String toRevision,
                               Map<String, JsonNode> added) {
        this.typeName = type.getName();
        this.fromRevision = Objects.requireNonNull(fromRevision, "fromRevision");
        this.toRevision = Objects.requireNonNull(toRevision, "toRevision");
        if (fromRevision.equals(toRevision) || added.isEmpty()) {
            throw new IllegalArgumentException("an upcast changes the revision and adds a field");
        }
        this.added = new LinkedHashMap<>(added);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation intermediate) {
        SerializedType type = intermediate.getType();
        return typeName.equals(type.getName()) && fromRevision.equals(type.getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation intermediate) {
        return intermediate.upcastPayload(new SimpleSerializedType(typeName, toRevision), JsonNode.class,
                this::withAddedFields);
    }

    /** The payload with every added field it lacks; a stored payload is always a JSON object. */
    JsonNode withAddedFields(JsonNode stored) {
        if (!(stored instanceof ObjectNode object)) {
            throw new IllegalStateException(typeName + " revision " + fromRevision
                    + " is stored as " + stored.getNodeType() + ", not a JSON object");
        }
        ObjectNode upcast = object.deepCopy();
        added.forEach((field, value) -> {
            if (!upcast.has(field)) {
                upcast.set(field, value.deepCopy());
            }
        });
        return upcast;
    }
}
