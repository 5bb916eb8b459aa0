package io.tollgate.order.rest;

import io.tollgate.eventing.axon.TimeOrderedIds;
import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.db.GroupCommit;
import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.ProblemException;
import io.tollgate.eventing.trace.LogContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Takes new orders exactly once per client and Idempotency-Key: keys are the client's own, so two
 * clients sending the same key get two orders, and a key never leads to another client's order.
 * The key row is inserted first, in the same
 * transaction as the order's events, and the key's primary key decides races: of concurrent
 * requests with one key exactly one commits; the others fail on the key and answer the winner's
 * order (same body) or 409 (another body). Nothing is checked-then-acted.
 *
 * <p>Bulk intake takes many new keys at once ({@link #createAll}): the same key rows and the same
 * command per order, in one transaction and one Axon unit of work, all or nothing.
 */
@ApplicationScoped
public class OrderIntake {

    /** Rounds of insert-or-read while a concurrent winner may still be committing. */
    static final int ROUNDS_MAX = 20;
    private static final long PAUSE_MS_STEP = 10;
    /** Keys looked up per statement in {@link #stored}: a fixed list length, one statement to parse. */
    static final int KEYS_PER_LOOKUP = 128;
    /** Orders created per {@link #createAll} call, at most. */
    static final int CREATE_ALL_MAX = 1_000;

    private final SqlStatements sql;
    private final CommandGateway commands;
    private final CommandRunner runner;
    private final GroupCommit group;
    private final Databases databases;

    public OrderIntake(SqlStatements sql, CommandGateway commands, CommandRunner runner, GroupCommit group,
                       Databases databases) {
        this.sql = sql;
        this.commands = commands;
        this.runner = runner;
        this.group = group;
        this.databases = databases;
    }

    /** One new order request of a client: its Idempotency-Key, its body and the body's fingerprint. */
    public record Keyed(String key, OrderRequestBody body, String fingerprint) {
        public Keyed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
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

    /** A key the client used before: the fingerprint of its request and the order it made. */
    record StoredKey(String requestHash, String orderId) {
    }

    /**
     * The keys among {@code keys} that {@code client} used before, with what they stand for; a
     * statement per {@link #KEYS_PER_LOOKUP} keys (the last list padded with its last key). The
     * keys go as (client, key) pairs: H2 answers {@code client = ? AND key IN (…)} by reading every
     * key the client ever used, so a batch's later parts would read ever more rows.
     */
    Map<String, StoredKey> stored(String client, List<String> keys) {
        Map<String, StoredKey> found = new HashMap<>();
        String select = SqlStatements.pairLookup(databases.isPostgres(), "SELECT idempotency_key, request_hash,"
                + " order_id FROM order_client_request_key", "client", "idempotency_key", KEYS_PER_LOOKUP, "");
        for (int from = 0; from < keys.size(); from += KEYS_PER_LOOKUP) {
            List<String> part = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_LOOKUP));
            Object[] params = new Object[2 * KEYS_PER_LOOKUP];
            for (int i = 0; i < KEYS_PER_LOOKUP; i++) {
                params[2 * i] = client;
                params[2 * i + 1] = part.get(Math.min(i, part.size() - 1));
            }
            sql.query(select, r -> found.put(r.getString(1),
                    new StoredKey(r.getString(2).trim(), r.getString(3))), params);
        }
        return found;
    }

    /**
     * Creates one order per request, all of {@code client} under keys it has not used (no key
     * twice), in one group-committed transaction: the key rows in one JDBC batch, then one command
     * per order inside one Axon unit of work, so the events are appended and projected together
     * when it commits. {@code alsoOnCreate} runs with the new order ids (in request order) in that
     * transaction, and again if it is retried. All or nothing: a key taken meanwhile, a command
     * the aggregate rejects or any other failure throws, and nothing of it is stored; the caller
     * then takes the requests one by one through {@link #request}, which answers each exactly.
     *
     * @return the new order ids in request order
     */
    public List<String> createAll(String client, List<Keyed> requests, Consumer<List<String>> alsoOnCreate) {
        Objects.requireNonNull(client, "client");
        if (requests.isEmpty() || requests.size() > CREATE_ALL_MAX) {
            throw new IllegalArgumentException("createAll takes 1 to " + CREATE_ALL_MAX + " requests, got "
                    + requests.size());
        }
        return group.call(requests.size() + " orders of " + client, () -> {
            List<String> orderIds = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                orderIds.add(TimeOrderedIds.nextText());
            }
            insertKeys(client, requests, orderIds);
            sendInOneUnit(client, requests, orderIds);
            alsoOnCreate.accept(orderIds);
            return orderIds;
        });
    }

    /** The commands in one root unit of work: their events are stored and projected at its commit. */
    private void sendInOneUnit(String client, List<Keyed> requests, List<String> orderIds) {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(
                GenericMessage.asMessage(requests.size() + " order requests"));
        try {
            Instant now = Instant.now();
            for (int i = 0; i < requests.size(); i++) {
                commands.sendAndWait(requests.get(i).body().toCommand(orderIds.get(i), client, now));
            }
            unit.commit();
        } catch (RuntimeException e) {
            if (unit.isActive()) {
                unit.rollback(e);
            }
            throw e;
        }
    }

    private void insertKeys(String client, List<Keyed> requests, List<String> orderIds) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection connection = databases.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO order_client_request_key"
                     + " (client, idempotency_key, request_hash, order_id, created_at)"
                     + " VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < requests.size(); i++) {
                insert.setString(1, client);
                insert.setString(2, requests.get(i).key());
                insert.setString(3, requests.get(i).fingerprint());
                insert.setString(4, orderIds.get(i));
                insert.setObject(5, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
