package io.tollgate.eventing.rest;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads whole-number request parameters ({@code int}, {@code long} and their boxes) so that text
 * which is no number is a 400 {@code INVALID_FIELD} naming the parameter. Without it, JAX-RS answers
 * a query or path parameter it cannot convert with 404, which sends a client looking for a missing
 * resource instead of its typo. The range stays with {@code @Min}/{@code @Max}.
 */
@Provider
public class WholeNumberParams implements ParamConverterProvider {

    /** Longer text is refused before parsing: 19 digits and a sign hold every {@code long}. */
    private static final int DIGITS_MAX = 20;

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = Violations.nameOf(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Long::valueOf);
        }
        return null;
    }

    private record WholeNumber<N extends Number>(String name, Function<String, N> parse)
            implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                if (value.length() <= DIGITS_MAX) {
                    return parse.apply(value.trim());
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ProblemException.badRequest(name, name + " must be a whole number, got '"
                    + (value.length() <= DIGITS_MAX ? value : value.substring(0, DIGITS_MAX) + "…") + "'");
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
