package io.tollgate.eventing.kafka;

/**
 * A handler refuses an event that it understood but that breaks a rule (e.g. an authorization for
 * an unknown order). The consumer loop rolls back the handler's work, sends the record to the
 * dead-letter topic with {@code code} and the message as the reason, and goes on.
 */
public class RejectedEventException extends RuntimeException {

    private final String code;

    public RejectedEventException(String code, String reason) {
        super(reason);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
