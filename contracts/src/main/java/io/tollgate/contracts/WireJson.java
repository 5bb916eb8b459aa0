package io.tollgate.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
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
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // A fractional quantity must fail, not be truncated to a whole one.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // Text fields (money amounts, rates, ids) must be JSON strings: a number there has
            // been through a float somewhere, which the contract forbids for money.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // One message is one JSON value; anything after it means a broken or spliced body.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
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
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new ContractViolationException("data",
                        "is JSON null, expected a " + type.getSimpleName() + " object");
            }
            return value;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof ContractViolationException)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw withPath((ContractViolationException) cause, e);
            }
            throw new ContractViolationException(fieldOf(e), "is invalid: " + e.getOriginalMessage());
        } catch (MismatchedInputException e) {
            throw new ContractViolationException(fieldOf(e), "is missing or has the wrong type: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ContractViolationException("data", "is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    /**
     * A nested record's constructor names its own field ("amount"); prefix the path to that record
     * so the caller learns which one ("grossAmount.amount").
     */
    private static ContractViolationException withPath(ContractViolationException violation,
                                                       ValueInstantiationException e) {
        String prefix = pathOf(e);
        if (prefix.isEmpty()) {
            return violation;
        }
        String rule = violation.getMessage().substring(violation.field().length()).strip();
        ContractViolationException nested = new ContractViolationException(
                prefix + "." + violation.field(), rule);
        nested.initCause(violation);
        return nested;
    }

    private static String fieldOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        String path = pathOf(e);
        if (path.isEmpty()) {
            // Only a property named in the message counts; other quotes quote the input.
            String msg = e.getOriginalMessage();
            int q = msg == null ? -1 : msg.indexOf("property '");
            int q2 = q < 0 ? -1 : msg.indexOf('\'', q + "property '".length());
            return q2 > q ? msg.substring(q + "property '".length(), q2) : "data";
        }
        return path;
    }

    /** The JSON path a mapping error points at, e.g. {@code unitPrice.amount} or {@code reasons[0]}. */
    public static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
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
