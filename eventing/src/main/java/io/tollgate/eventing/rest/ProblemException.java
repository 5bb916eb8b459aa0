package io.tollgate.eventing.rest;

/**
 * A request that is refused, answered as {@code application/problem+json}.
 *
 * @see Problem
 */
public class ProblemException extends RuntimeException {

    /** The code of every answer about a value above its stated maximum (length, count, amount). */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status HTTP status (4xx)
     * @param code   stable error code, e.g. ORDER_NOT_CANCELLABLE
     * @param field  the request field at fault, or null
     * @param detail a sentence for people
     */
    public ProblemException(int status, String code, String field, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "INVALID_FIELD", field, detail);
    }

    /**
     * A body field above its stated limit (422), or a header, path or query parameter above it
     * (400); {@code detail} names the limit.
     */
    public static ProblemException limitExceeded(int status, String field, String detail) {
        return new ProblemException(status, LIMIT_EXCEEDED, field, detail);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "NOT_FOUND", null, what + " " + id + " does not exist");
    }
}
