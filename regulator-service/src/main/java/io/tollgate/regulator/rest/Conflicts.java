package io.tollgate.regulator.rest;

import io.tollgate.eventing.rest.ProblemException;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;

/**
 * Retries a transactional write that lost a race for an aggregate's next sequence number. Two
 * transactions that change the same aggregate (two grants counting units against one customer)
 * both try to append its next event; the event store's unique (aggregate, sequence) key lets one
 * commit and fails the other after the first committed. The loser's transaction is rolled back, so
 * running it again reads the winner's events and decides on them (e.g. the cap is now reached).
 */
final class Conflicts {

    /** Attempts in all; the bound on retrying a write that keeps losing. */
    static final int ATTEMPTS_MAX = 3;
    private static final Logger LOG = Logger.getLogger(Conflicts.class);

    private Conflicts() {
    }

    /** Runs {@code write} (which must open and close its own transaction) up to {@link #ATTEMPTS_MAX} times. */
    static <T> T retrying(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!isLostAppendRace(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS_MAX) {
                    throw new ProblemException(409, "CONCURRENT_UPDATE", null,
                            "the same record was changed concurrently " + ATTEMPTS_MAX + " times; retry");
                }
                LOG.infof("lost a concurrent append (attempt %d of %d); running the write again", attempt,
                        ATTEMPTS_MAX);
            }
        }
    }

    static boolean isLostAppendRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            // 23xxx: integrity constraint violation, here the event store's sequence key.
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null
                    && ((SQLException) t).getSQLState().startsWith("23")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
