package io.tollgate.eventing.error;

import io.tollgate.eventing.kafka.RetryLaterException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells failures that pass by themselves (a database or broker away, a lost race) from those that
 * will not. A consumer retries a transient failure with back-off for as long as it lasts (it never
 * dead-letters a record and never marks it processed); the REST layer answers it with 503 and
 * Retry-After, so a client retries with its Idempotency-Key instead of seeing an internal error.
 */
public final class Transience {

    /**
     * SQLStates that pass: 40001 serialization failure, 40P01 deadlock, 57P01 admin shutdown,
     * 57P02 crash shutdown, 57P03 cannot connect now, 25006 read-only transaction (a standby after
     * fail-over), 53300 too many connections. Every 08xxx (connection exception) passes too.
     */
    public static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03",
            "25006", "53300");
    /**
     * Agroal reports an exhausted pool with a plain SQLException without SQLState whose message
     * reads "Sorry, acquisition timeout!" or "Acquisition timeout while waiting for new connection".
     */
    public static final String POOL_TIMEOUT_TEXT = "acquisition timeout";

    private Transience() {
    }

    public static boolean isTransient(Throwable failure) {
        return Causes.any(failure, Transience::passes);
    }

    private static boolean passes(Throwable t) {
        if (t instanceof org.axonframework.modelling.command.ConcurrencyException
                || t instanceof RetryLaterException
                || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof org.apache.kafka.common.errors.RetriableException
                || t instanceof org.apache.kafka.common.errors.BrokerNotAvailableException
                || t instanceof java.net.ConnectException) {
            return true;
        }
        // Two writers appended the same aggregate sequence at once: the retry runs on the winner's state.
        if (t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException
                && "23505".equals(Causes.sqlState(t).orElse(null))) {
            return true;
        }
        if (t instanceof SQLException s) {
            String state = s.getSQLState();
            if (state == null) {
                return s.getMessage() != null
                        && s.getMessage().toLowerCase(Locale.ROOT).contains(POOL_TIMEOUT_TEXT);
            }
            return state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state);
        }
        return false;
    }
}
