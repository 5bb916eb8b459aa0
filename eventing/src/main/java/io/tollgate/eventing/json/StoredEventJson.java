package io.tollgate.eventing.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The JSON of everything Axon stores: events, snapshots, messages and tokens. Instants as ISO-8601
 * strings; unknown fields tolerated, so a field removed from a record does not make its old events
 * unreadable. Used by the Axon configuration and by every stored-shape test, so the tests check the
 * serializer production uses, not a copy of it.
 */
public final class StoredEventJson {

    private StoredEventJson() {
    }

    /** A new mapper with the stored-event rules. */
    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** Axon's serializer over {@link #mapper()}; XStream is never used. */
    public static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(mapper())
                .classLoader(Thread.currentThread().getContextClassLoader())
                .build();
    }
}
