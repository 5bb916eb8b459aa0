package io.tollgate.eventing.kafka;

/**
 * A handler says that the event is fine but cannot be applied just now (e.g. a rebuild holds the
 * journal). The consumer loop rolls back, waits with capped back-off and retries the batch: such a
 * failure never dead-letters a record and never marks it processed.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String reason) {
        super(reason);
    }

    public RetryLaterException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
