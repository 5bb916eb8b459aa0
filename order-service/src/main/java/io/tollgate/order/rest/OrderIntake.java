package io.tollgate.order.rest;

import io.tollgate.eventing.db.Databases;
import io.tollgate.eventing.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Takes new orders exactly once per Idempotency-Key. The key row is inserted first, in the same
 * transaction as the order's events, and the key's primary key decides races: of concurrent
 * requests with one key exactly one commits; the others fail on the key and answer the winner's
 * order (same body) or 409 (another body). Nothing is checked-then-acted.
 */
@ApplicationScoped
public class OrderIntake {

    /** Rounds of insert-or-read while a concurrent winner may still be committing. */
    static final int ROUNDS_MAX = 20;
    private static final long PAUSE_MS_STEP = 10;

    private final Databases databases;
    private final CommandGateway commands;
    private final CommandRunner runner;

    public OrderIntake(Databases databases, CommandGateway commands, CommandRunner runner) {
        this.databases = databases;
        this.commands = commands;
        this.runner = runner;
    }

    /** The outcome: which order the key stands for, and whether this request created it. */
    public record Outcome(String orderId, boolean created) {
    }

    /** @param requestedBy the caller's principal, or null; not part of the request's fingerprint */
    public Outcome request(String key, OrderRequestBody body, String requestedBy) {
        String hash = body.fingerprint();
        for (int round = 1; round <= ROUNDS_MAX; round++) {
            Optional<StoredKey> stored = find(key);
            if (stored.isPresent()) {
                return answer(stored.get(), hash);
            }
            String orderId = UUID.randomUUID().toString();
            try {
                runner.inTransaction(orderId, () -> {
                    insertKey(key, hash, orderId);
                    return commands.sendAndWait(body.toCommand(orderId, requestedBy, Instant.now()));
                });
                return new Outcome(orderId, true);
            } catch (RuntimeException e) {
                if (CommandRunner.find(e, KeyTakenException.class) == null) {
                    throw e;
                }
                // The winner may not have committed yet; a short, growing pause bounds the spin.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MS_STEP * round));
            }
        }
        throw new ProblemException(409, "IDEMPOTENCY_KEY_BUSY", RequestFields.IDEMPOTENCY_KEY,
                "another request with this " + RequestFields.IDEMPOTENCY_KEY + " is still in progress; retry");
    }

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

    private Optional<StoredKey> find(String key) {
        String sql = "SELECT request_hash, order_id FROM order_request_key WHERE idempotency_key = ?";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredKey(r.getString(1).trim(), r.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read idempotency key", e);
        }
    }

    private void insertKey(String key, String hash, String orderId) throws SQLException {
        String sql = "INSERT INTO order_request_key (idempotency_key, request_hash, order_id, created_at)"
                + " VALUES (?, ?, ?, ?)";
        try (Connection c = databases.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setString(2, hash);
            s.setString(3, orderId);
            s.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        } catch (SQLException e) {
            // 23505: the key exists (another request won); HYT00, 40001, 40P01: an H2 lock timeout or
            // a PostgreSQL serialization failure or deadlock while racing for it. All: read it again.
            if (CommandRunner.hasSqlState(e, "23505", "HYT00", "40001", "40P01")) {
                throw new KeyTakenException(e);
            }
            throw e;
        }
    }

    /** Another request holds or took the key; this transaction must end and the key be read. */
    static final class KeyTakenException extends RuntimeException {
        KeyTakenException(SQLException cause) {
            super("idempotency key taken by a concurrent request", cause);
        }
    }
}
