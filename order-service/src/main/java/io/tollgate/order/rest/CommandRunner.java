package io.tollgate.order.rest;

import io.tollgate.eventing.db.GroupCommit;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.order.api.OrderErrorCode;
import io.tollgate.order.api.OrderRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Sends commands for the REST resources through eventing's {@link GroupCommit}: a request's events,
 * read model and extra rows commit together, in a transaction shared with concurrent requests and
 * answered only after it committed; a request whose work fails runs alone (with the bounded retry
 * when another request changed the same order first). The aggregate's rejections become problems
 * (409 for state, 422 for values).
 */
@ApplicationScoped
public class CommandRunner {

    private final CommandGateway commands;
    private final GroupCommit group;

    public CommandRunner(CommandGateway commands, GroupCommit group) {
        this.commands = commands;
        this.group = group;
    }

    /**
     * Sends {@code command} in a new transaction; {@code orderId} names the order for a 404.
     *
     * @return false when the aggregate recognised a repeat and stored nothing new (it answers false),
     *         true otherwise
     */
    public boolean send(String orderId, Object command) {
        Object result = inTransaction(orderId, () -> commands.sendAndWait(command));
        return !Boolean.FALSE.equals(result);
    }

    /**
     * Runs {@code work} (which sends commands) in a group-committed transaction; it may run more
     * than once (see {@link GroupCommit}). The aggregate's rejections become problems.
     */
    public <T> T inTransaction(String orderId, Callable<T> work) {
        try {
            return group.call("order " + orderId, work);
        } catch (RuntimeException e) {
            Optional<OrderRejectedException> rejected = Causes.find(e, OrderRejectedException.class);
            if (rejected.isPresent() && rejected.get().code().kind() == OrderErrorCode.Kind.NOT_FOUND) {
                throw ProblemException.notFound("order", orderId);
            }
            if (rejected.isPresent()) {
                throw problem(rejected.get());
            }
            if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
                throw ProblemException.notFound("order", orderId);
            }
            throw e;
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
            case IDEMPOTENCY_KEY_REUSED:
                return RequestFields.IDEMPOTENCY_KEY;
            default:
                return null;
        }
    }
}
