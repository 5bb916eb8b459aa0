package io.tollgate.regulator.api;

/** The command is not allowed in the application's (or designation's) current state. */
public class IllegalTransitionException extends RegulatorRejection {
    public IllegalTransitionException(String code, String message) {
        super(code, message);
    }
}
