package io.tollgate.regulator.api;

/** Base: a refused command; {@link #code()} is stable, the message is for people. */
public class RegulatorRejection extends RuntimeException {
    private final String code;

    public RegulatorRejection(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
