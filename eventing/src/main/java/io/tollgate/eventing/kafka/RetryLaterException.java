package io.tollgate.eventing.kafka;

/**
 * Work that is fine but cannot be done just now (a rebuild holds the journal, too many writes wait
 * for a commit). The consumer loop rolls back, waits with capped back-off and retries the batch:
 * such a failure never dead-letters a record and never marks it processed. The REST layer answers
 * it 503 with Retry-After, like every transient failure.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String reason) {
        super(reason);
    }

    public RetryLaterException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
