package io.tollgate.eventing.testkit;

import io.tollgate.eventing.json.StoredEventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Reads one stored event row — type name, revision and payload exactly as the event store holds
 * them, e.g. a JSON fixture of an old shape — through a service's upcasters and production's
 * serializer, as the JDBC event store does when it loads the row.
 */
public final class StoredEventReader {

    private static final Serializer SERIALIZER = StoredEventJson.serializer();

    private StoredEventReader() {
    }

    /** The record the row loads as, after {@code upcasters} in their registration order. */
    public static Object read(List<EventUpcaster> upcasters, String typeName, String revision, byte[] payload) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0,
                "event-1", "2026-01-01T00:00:00Z", typeName, revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(upcasters)
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(row, SERIALIZER)))
                .toList();
        if (upcast.size() != 1) {
            throw new IllegalStateException("one stored row became " + upcast.size() + " events");
        }
        SerializedObject<byte[]> data = upcast.get(0).getData(byte[].class);
        return SERIALIZER.deserialize(data);
    }

    /** The bytes of a classpath fixture, e.g. {@code stored-events/v1/OrderRequestedEvent.json}. */
    public static byte[] fixture(String resource) {
        try (InputStream in = StoredEventReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
