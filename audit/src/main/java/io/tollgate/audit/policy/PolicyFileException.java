package io.tollgate.audit.policy;

/** A policy document the recheck cannot read, with the file and field that is wrong. */
public final class PolicyFileException extends IllegalArgumentException {

    public PolicyFileException(String message) {
        super(message);
    }
}
