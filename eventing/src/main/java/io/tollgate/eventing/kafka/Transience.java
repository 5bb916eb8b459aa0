package io.tollgate.eventing.kafka;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells failures that may pass by themselves (a database or broker away) from those that will not. */
final class Transience {

    private Transience() {
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // Lost an optimistic-concurrency race: the retry runs on the winner's state.
            if (t instanceof org.axonframework.modelling.command.ConcurrencyException
                    || t instanceof org.axonframework.eventsourcing.eventstore.EventStoreException
                    && t.getCause() instanceof java.sql.SQLException s0 && "23505".equals(s0.getSQLState())) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.net.ConnectException
                    || t instanceof jakarta.transaction.RollbackException
                    || (t instanceof java.sql.SQLException s && s.getSQLState() != null
                        && s.getSQLState().startsWith("08"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
