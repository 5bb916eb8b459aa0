package io.tollgate.audit.replay;

/** The replay cannot go on: the broker, a topic or a setting is not what it needs. */
public final class ReplayException extends RuntimeException {

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
