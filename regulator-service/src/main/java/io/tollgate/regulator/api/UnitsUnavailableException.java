package io.tollgate.regulator.api;

/** The customer's register entry changed under a grant (revoked, or cap reached meanwhile). */
public class UnitsUnavailableException extends RegulatorRejection {
    public UnitsUnavailableException(ReasonCode code, String message) {
        super(code.name(), message);
    }
}
