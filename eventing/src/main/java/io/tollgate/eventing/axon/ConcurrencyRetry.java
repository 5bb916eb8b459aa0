package io.tollgate.eventing.axon;

import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.ProblemException;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;

/**
 * The one bounded retry of a write that lost a race for an aggregate's next sequence number. Two
 * transactions that change one aggregate both append its next event; the event store's unique
 * (aggregate, sequence) key lets one commit, and {@link UniqueViolationResolver} turns the other's
 * failure into Axon's {@link ConcurrencyException}. The loser's transaction rolled back, so running
 * the write again reads the winner's events and decides on them.
 *
 * <p>Only {@code ConcurrencyException} is retried: any other integrity violation (a NOT NULL or a
 * foreign key) is a bug and must surface as one (500), never as a 409 race.
 */
public final class ConcurrencyRetry {

    /** Attempts in all; losing this often in a row means heavy contention on one aggregate. */
    public static final int ATTEMPTS_MAX = 5;
    /** The error code of a 409 after {@link #ATTEMPTS_MAX} lost races. */
    public static final String CODE = "CONCURRENT_UPDATE";

    private static final Logger LOG = Logger.getLogger(ConcurrencyRetry.class);

    private ConcurrencyRetry() {
    }

    /**
     * Runs {@code write} (which must open and end its own transaction) until it does not lose a
     * race, at most {@link #ATTEMPTS_MAX} times; then answers 409 {@link #CODE}.
     *
     * @param what names the contended record in the answer, e.g. "order 42"
     */
    public static <T> T run(String what, Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!isLostRace(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS_MAX) {
                    throw new ProblemException(409, CODE, null, what + " was changed by "
                            + ATTEMPTS_MAX + " concurrent requests in a row; retry");
                }
                LOG.debugf("%s changed concurrently, attempt %d of %d", what, attempt, ATTEMPTS_MAX);
            }
        }
    }

    /** True when {@code failure} is (or was caused by) a lost append race. */
    public static boolean isLostRace(Throwable failure) {
        return Causes.find(failure, ConcurrencyException.class).isPresent();
    }
}
