package io.tollgate.order.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.OrderErrorCode;
import io.tollgate.order.api.OrderRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;

/**
 * Sends commands for the REST resources: one JTA transaction per attempt (events, read model and
 * any extra rows commit together), a bounded retry when another request changed the same order
 * first, and the aggregate's rejections turned into problems (409 for state, 422 for values).
 */
@ApplicationScoped
public class CommandRunner {

    private static final Logger LOG = Logger.getLogger(CommandRunner.class);
    /** Attempts when commands for one order race; losing this often means heavy contention. */
    static final int ATTEMPTS_MAX = 5;

    private final CommandGateway commands;

    public CommandRunner(CommandGateway commands) {
        this.commands = commands;
    }

    /** Sends {@code command} in a new transaction; {@code orderId} names the order for a 404. */
    public void send(String orderId, Object command) {
        inTransaction(orderId, () -> commands.sendAndWait(command));
    }

    /** Runs {@code work} (which sends commands) in a new transaction, retried on a version conflict. */
    public <T> T inTransaction(String orderId, Callable<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (RuntimeException e) {
                OrderRejectedException rejected = find(e, OrderRejectedException.class);
                if (rejected != null) {
                    throw problem(rejected);
                }
                if (find(e, AggregateNotFoundException.class) != null) {
                    throw ProblemException.notFound("order", orderId);
                }
                if (!isVersionConflict(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS_MAX) {
                    throw new ProblemException(409, "ORDER_CHANGED_CONCURRENTLY", null, "order " + orderId
                            + " was changed by " + ATTEMPTS_MAX + " concurrent requests in a row; retry");
                }
                LOG.debugf("order %s changed concurrently, attempt %d of %d", orderId, attempt, ATTEMPTS_MAX);
            }
        }
    }

    static ProblemException problem(OrderRejectedException e) {
        int status = e.code().kind() == OrderErrorCode.Kind.CONFLICT ? 409 : 422;
        return new ProblemException(status, e.code().name(), fieldOf(e.code()), e.detail());
    }

    /** The request field a rejection is about, where there is one. */
    private static String fieldOf(OrderErrorCode code) {
        switch (code) {
            case QUANTITY_OUT_OF_RANGE:
                return "quantity";
            case UNIT_PRICE_NOT_POSITIVE:
            case GROSS_AMOUNT_TOO_LARGE:
                return "unitPrice";
            case PAYMENT_NOT_POSITIVE:
            case PAYMENT_EXCEEDS_DUE:
                return "amount.amount";
            case CURRENCY_MISMATCH:
                return "amount.currency";
            case PAYMENT_ID_REUSED:
                return RequestFields.IDEMPOTENCY_KEY;
            default:
                return null;
        }
    }

    /**
     * Another transaction appended the same aggregate sequence number first (Axon reports the
     * duplicate key as a store failure unless a persistence-exception resolver is set), or a lock
     * wait on it timed out (H2 HYT00).
     */
    static boolean isVersionConflict(Throwable e) {
        return find(e, ConcurrencyException.class) != null
                || find(e, EventStoreException.class) != null && hasSqlState(e, "23505", "HYT00", "40001");
    }

    static boolean hasSqlState(Throwable e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException) {
                for (SQLException s = (SQLException) t; s != null; s = s.getNextException()) {
                    for (String state : states) {
                        if (state.equals(s.getSQLState())) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
