package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON rules of the wire: ISO-8601 instants, absent (not null) optional fields, unknown fields
 * tolerated (additive evolution), missing required fields rejected with the field's name.
 */
public final class WireJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private WireJson() {
    }

    /** A copy of the wire mapper, for callers that need to configure more. */
    public static ObjectMapper mapper() {
        return MAPPER.copy();
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses {@code json} as {@code type}; a broken message throws {@link ContractViolationException}. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new ContractViolationException("data", "is empty");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ContractViolationException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw (ContractViolationException) cause;
            }
            throw new ContractViolationException(fieldOf(e), "is invalid: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw new ContractViolationException(fieldOf(e), "is missing or has the wrong type: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ContractViolationException("data", "is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String fieldOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (path.length() == 0) {
            String msg = e.getOriginalMessage();
            int q = msg == null ? -1 : msg.indexOf('\'');
            int q2 = q < 0 ? -1 : msg.indexOf('\'', q + 1);
            return q2 > q ? msg.substring(q + 1, q2) : "data";
        }
        return path.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
