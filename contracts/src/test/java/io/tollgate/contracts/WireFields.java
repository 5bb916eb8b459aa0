package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.contracts.testkit.ContractSchemas;
import io.tollgate.contracts.testkit.WireEventSamples;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Derives the field cases of every wire event from the records themselves, so a field added to a
 * record is covered by the generated tests without anyone writing a new one. Walks each record's
 * components alongside its sample JSON and descends into nested records and lists of records.
 */
final class WireFields {

    /** Wire records nest two levels today; deeper would mean a cycle or a design change. */
    private static final int DEPTH_MAX = 4;

    private WireFields() {
    }

    /**
     * One field of one event's sample.
     *
     * @param path     segments: a String names a property, an Integer an array index
     * @param required whether the record marks it {@code @JsonProperty(required = true)}
     */
    record FieldCase(String ceType, List<Object> path, boolean required) {

        /** The path as {@link WireJson} names it in {@link ContractViolationException#field()}. */
        String dotted() {
            StringBuilder out = new StringBuilder();
            for (Object segment : path) {
                if (segment instanceof Integer) {
                    out.append('[').append(segment).append(']');
                } else {
                    out.append(out.length() == 0 ? "" : ".").append(segment);
                }
            }
            return out.toString();
        }

        /** The property's own name, the last segment of the path. */
        String name() {
            return (String) path.get(path.size() - 1);
        }

        /** The object holding this field inside {@code root}, a copy of the sample. */
        ObjectNode parentIn(ObjectNode root) {
            JsonNode parent = root;
            for (Object segment : path.subList(0, path.size() - 1)) {
                parent = segment instanceof Integer
                        ? parent.get((Integer) segment) : parent.get((String) segment);
            }
            return (ObjectNode) parent;
        }

        /** A copy of the sample with this field removed. */
        ObjectNode sampleWithout() {
            ObjectNode copy = (ObjectNode) sample(ceType).deepCopy();
            parentIn(copy).remove(name());
            return copy;
        }

        @Override
        public String toString() {
            return ceType + " " + dotted();
        }
    }

    /** Every field of every event's sample, nested ones included. */
    static Stream<FieldCase> all() {
        List<FieldCase> cases = new ArrayList<>();
        for (String type : EventTypes.knownTypes().stream().sorted().toList()) {
            Class<?> recordType = EventTypes.classOf(type).orElseThrow();
            collect(type, recordType, sample(type), new ArrayList<>(), cases);
        }
        return cases.stream();
    }

    static Stream<FieldCase> required() {
        return all().filter(FieldCase::required);
    }

    /**
     * Optional fields, minus those whose presence depends on another field's value: an AUTHORIZED
     * cancellation must name the grant it voids, a passed-over DOCUMENT its kind (each tested on
     * its own).
     */
    static Stream<FieldCase> optional() {
        return all().filter(c -> !c.required())
                .filter(c -> !(c.ceType().equals(OrderCancelledV1.TYPE)
                        && c.dotted().equals("voidedAuthorizationId")))
                .filter(c -> !(c.ceType().equals(SupplyPassedOverV1.TYPE)
                        && c.dotted().equals("documentKind")));
    }

    /** The names of a record's components marked {@code @JsonProperty(required = true)}. */
    static List<String> requiredNames(Class<?> recordType) {
        return Stream.of(recordType.getRecordComponents())
                .filter(WireFields::isRequired)
                .map(RecordComponent::getName)
                .toList();
    }

    static List<String> componentNames(Class<?> recordType) {
        return Stream.of(recordType.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    static JsonNode sample(String ceType) {
        return ContractSchemas.parse(WireEventSamples.sampleJson(ceType));
    }

    /** A copy of the sample with the value at a JSON pointer replaced by {@code jsonValue}. */
    static ObjectNode sampleWith(String ceType, String pointer, String jsonValue) {
        ObjectNode json = (ObjectNode) sample(ceType).deepCopy();
        JsonNode value = ContractSchemas.parse(jsonValue.getBytes(StandardCharsets.UTF_8));
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = slash == 0 ? json : json.at(pointer.substring(0, slash));
        ((ObjectNode) parent).set(pointer.substring(slash + 1), value);
        return json;
    }

    private static void collect(String type, Class<?> recordType, JsonNode json,
                                List<Object> prefix, List<FieldCase> out) {
        if (prefix.size() > DEPTH_MAX) {
            throw new IllegalStateException("records nest deeper than " + DEPTH_MAX + ": "
                    + prefix);
        }
        for (RecordComponent component : recordType.getRecordComponents()) {
            JsonNode value = json.get(component.getName());
            if (value == null) {
                // An absent optional field has nothing to remove; a required one must be there.
                if (isRequired(component)) {
                    throw new IllegalStateException(type + " sample lacks " + component.getName());
                }
                continue;
            }
            List<Object> path = append(prefix, component.getName());
            out.add(new FieldCase(type, path, isRequired(component)));
            Class<?> nested = recordElementType(component);
            if (nested != null && value.isObject()) {
                collect(type, nested, value, path, out);
            } else if (nested != null && value.isArray() && !value.isEmpty()) {
                collect(type, nested, value.get(0), append(path, 0), out);
            }
        }
    }

    /** The component's record type, or the element record type of a List, or null. */
    private static Class<?> recordElementType(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        Type generic = component.getGenericType();
        if (List.class.isAssignableFrom(component.getType())
                && generic instanceof ParameterizedType) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            if (element instanceof Class<?> && ((Class<?>) element).isRecord()) {
                return (Class<?>) element;
            }
        }
        return null;
    }

    private static boolean isRequired(RecordComponent component) {
        // @JsonProperty has no RECORD_COMPONENT target, so javac puts it on the accessor (and
        // the field and constructor parameter), not on the component itself.
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && property.required();
    }

    private static List<Object> append(List<Object> prefix, Object segment) {
        List<Object> path = new ArrayList<>(prefix);
        path.add(segment);
        return List.copyOf(path);
    }
}
