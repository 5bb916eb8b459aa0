package io.tollgate.order.rest;

import io.tollgate.eventing.axon.TimeOrderedIds;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.trace.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Takes new orders exactly once per client and Idempotency-Key: keys are the client's own, so two
 * clients sending the same key get two orders, and a key never leads to another client's order.
 * The key row is inserted first, in the same
 * transaction as the order's events, and the key's primary key decides races: of concurrent
 * requests with one key exactly one commits; the others fail on the key and answer the winner's
 * order (same body) or 409 (another body). Nothing is checked-then-acted.
 */
@ApplicationScoped
public class OrderIntake {

    /** Rounds of insert-or-read while a concurrent winner may still be committing. */
    static final int ROUNDS_MAX = 20;
    private static final long PAUSE_MS_STEP = 10;

    private final SqlStatements sql;
    private final CommandGateway commands;
    private final CommandRunner runner;

    public OrderIntake(SqlStatements sql, CommandGateway commands, CommandRunner runner) {
        this.sql = sql;
        this.commands = commands;
        this.runner = runner;
    }

    /** The outcome: which order the key stands for, and whether this request created it. */
    public record Outcome(String orderId, boolean created) {
    }

    /**
     * @param client the authenticated client (its principal): owns the key and the order it creates;
     *               not part of the request's fingerprint
     */
    public Outcome request(String key, OrderRequestBody body, String client) {
        return request(key, body, client, orderId -> { });
    }

    /**
     * As {@link #request(String, OrderRequestBody, String)}; {@code alsoOnCreate} runs with the new
     * order's id in the transaction that creates it (and again if that transaction is retried), so
     * what it writes commits exactly when the order does.
     */
    public Outcome request(String key, OrderRequestBody body, String client, Consumer<String> alsoOnCreate) {
        Objects.requireNonNull(client, "client");
        String hash = body.fingerprint();
        for (int round = 1; round <= ROUNDS_MAX; round++) {
            Optional<StoredKey> stored = find(client, key);
            if (stored.isPresent()) {
                return answer(stored.get(), hash);
            }
            String orderId = TimeOrderedIds.nextText();
            // The new id in the log context of the lines written for it, here and at its commit.
            try (LogContext log = LogContext.of(orderId, null)) {
                runner.inTransaction(orderId, () -> {
                    insertKey(client, key, hash, orderId);
                    Object created = commands.sendAndWait(body.toCommand(orderId, client, Instant.now()));
                    alsoOnCreate.accept(orderId);
                    return created;
                });
                return new Outcome(orderId, true);
            } catch (RuntimeException e) {
                if (Causes.find(e, KeyTakenException.class).isEmpty()) {
                    throw e;
                }
                // The winner may not have committed yet; a short, growing pause bounds the spin.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MS_STEP * round));
            }
        }
        throw new ProblemException(409, "IDEMPOTENCY_KEY_BUSY", RequestFields.IDEMPOTENCY_KEY,
                "another request with this " + RequestFields.IDEMPOTENCY_KEY + " is still in progress; retry");
    }

    /** The stored key is this client's own, so naming its order reveals nothing of another client's. */
    private static Outcome answer(StoredKey stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new ProblemException(409, "IDEMPOTENCY_KEY_REUSED", RequestFields.IDEMPOTENCY_KEY,
                    "this " + RequestFields.IDEMPOTENCY_KEY + " was used for a different request (order "
                            + stored.orderId() + ")");
        }
        return new Outcome(stored.orderId(), false);
    }

    private record StoredKey(String requestHash, String orderId) {
    }

    private Optional<StoredKey> find(String client, String key) {
        return sql.queryOne("SELECT request_hash, order_id FROM order_client_request_key"
                        + " WHERE client = ? AND idempotency_key = ?",
                r -> new StoredKey(r.getString(1).trim(), r.getString(2)), client, key);
    }

    private void insertKey(String client, String key, String hash, String orderId) {
        try {
            sql.update("INSERT INTO order_client_request_key (client, idempotency_key, request_hash, order_id,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)", client, key, hash, orderId, Instant.now());
        } catch (IllegalStateException e) {
            // 23505: the key exists (another request won); HYT00, 40001, 40P01: an H2 lock timeout or
            // a PostgreSQL serialization failure or deadlock while racing for it. All: read it again.
            if (hasSqlState(e, "23505", "HYT00", "40001", "40P01")) {
                throw new KeyTakenException(e);
            }
            throw e;
        }
    }

    /** True when some SQLException in {@code e}'s chain (or its next-exception list) has a state. */
    private static boolean hasSqlState(Throwable e, String... states) {
        return Causes.any(e, t -> t instanceof SQLException failure && hasState(failure, states));
    }

    private static boolean hasState(SQLException first, String... states) {
        for (SQLException s = first; s != null; s = s.getNextException()) {
            for (String state : states) {
                if (state.equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Another request holds or took the key; this transaction must end and the key be read. */
    static final class KeyTakenException extends RuntimeException {
        KeyTakenException(RuntimeException cause) {
            super("idempotency key taken by a concurrent request", cause);
        }
    }
}
