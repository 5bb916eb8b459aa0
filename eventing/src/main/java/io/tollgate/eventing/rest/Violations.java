package io.tollgate.eventing.rest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Bean Validation violation of a REST call as the problem it answers: a request parameter
 * (query, path, header, cookie, form) is a 400 naming the parameter as the client spelled it; a field
 * of the JSON body is a 422 naming its JSON path ({@code unitPrice.amount}, {@code lines[2].sku}).
 * A value above its stated maximum ({@code @Max}, {@code @DecimalMax}, {@code @Size} max) carries
 * {@link ProblemException#LIMIT_EXCEEDED}, every other rule {@code INVALID_FIELD}.
 */
final class Violations {

    static final String INVALID_FIELD = "INVALID_FIELD";
    private static final Set<Class<? extends Annotation>> UPPER_BOUNDS = Set.of(Max.class, DecimalMax.class);

    private Violations() {
    }

    /**
     * The problem for the first of {@code violations} (parameters before the body, then by field),
     * or empty when one concerns a return value: that is a server bug, not bad input.
     */
    static Optional<ProblemException> problemOf(Set<? extends ConstraintViolation<?>> violations) {
        List<ConstraintViolation<?>> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(Violations::sortKey));
        for (ConstraintViolation<?> v : sorted) {
            if (isReturnValue(v)) {
                return Optional.empty();
            }
        }
        return sorted.isEmpty() ? Optional.empty() : Optional.of(problemOf(sorted.get(0)));
    }

    static ProblemException problemOf(ConstraintViolation<?> violation) {
        String parameter = requestParameterName(violation);
        String field = parameter != null ? parameter : jsonPath(violation.getPropertyPath());
        int status = parameter != null ? 400 : 422;
        String code = exceedsMaximum(violation) ? ProblemException.LIMIT_EXCEEDED : INVALID_FIELD;
        return new ProblemException(status, code, field, field + " " + violation.getMessage());
    }

    private static String sortKey(ConstraintViolation<?> v) {
        // "0" sorts request parameters before body fields, so a bad header is named before the body.
        return (requestParameterName(v) != null ? "0" : "1") + v.getPropertyPath();
    }

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    private static boolean exceedsMaximum(ConstraintViolation<?> v) {
        Annotation rule = v.getConstraintDescriptor().getAnnotation();
        if (UPPER_BOUNDS.contains(rule.annotationType())) {
            return true;
        }
        if (rule instanceof Size size) {
            Object value = v.getInvalidValue();
            int length = value instanceof CharSequence s ? s.length()
                    : value instanceof Collection<?> c ? c.size()
                    : value instanceof Map<?, ?> m ? m.size() : -1;
            return length > size.max();
        }
        return false;
    }

    /**
     * The name of the request parameter a violation is about (from its {@code @QueryParam},
     * {@code @PathParam}, ... annotation), or null when it is about the body or a bean field.
     */
    private static String requestParameterName(ConstraintViolation<?> v) {
        Path.MethodNode methodNode = null;
        Path.ParameterNode parameterNode = null;
        int nodesAfterParameter = 0;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                methodNode = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameterNode = node.as(Path.ParameterNode.class);
            } else if (parameterNode != null) {
                nodesAfterParameter++;
            }
        }
        if (methodNode == null || parameterNode == null || nodesAfterParameter > 0
                || v.getRootBeanClass() == null) {
            return null;
        }
        return parameterName(v.getRootBeanClass(), methodNode, parameterNode.getParameterIndex());
    }

    /**
     * Looks the method up from the root class upwards: a CDI subclass overrides it without the
     * JAX-RS annotations, so the first declaration that names the parameter wins.
     */
    private static String parameterName(Class<?> type, Path.MethodNode node, int index) {
        Class<?>[] types = node.getParameterTypes().toArray(Class<?>[]::new);
        // Bounded by the depth of the class hierarchy.
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(node.getName(), types);
                String name = nameOf(method.getParameterAnnotations()[index]);
                if (name != null) {
                    return name;
                }
            } catch (NoSuchMethodException e) {
                // declared higher up
            }
        }
        return null;
    }

    /** The name in a {@code @QueryParam}, {@code @PathParam}, ... annotation; null if none. */
    static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof CookieParam c) {
                return c.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
        }
        return null;
    }

    /** The JSON path of a body field: property names joined by dots, list positions in brackets. */
    static String jsonPath(Path path) {
        StringBuilder json = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable() && json.length() > 0) {
                json.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                json.append(json.length() > 0 ? "." : "").append(node.getName());
            }
        }
        return json.length() == 0 ? "body" : json.toString();
    }
}
