package io.tollgate.order.rest;

import static io.tollgate.eventing.db.SqlStatements.instant;
import static io.tollgate.eventing.db.SqlStatements.nullableLong;

import io.tollgate.eventing.db.SqlStatements;
import io.tollgate.eventing.error.Causes;
import io.tollgate.eventing.rest.ProblemException;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook subscriptions ({@code webhook_subscription}) and their delivery state. Every write of
 * the delivery worker names its lease ({@code lease_owner}): an instance whose lease lapsed and was
 * taken over changes nothing any more, so one instance at a time moves a subscription's cursor.
 */
@Singleton
public class WebhookStore {

    /**
     * A stored subscription.
     *
     * @param previousSecret      the secret current before the last rotation, or null
     * @param previousSecretUntil until when deliveries are signed with it too, or null
     */
    record Subscription(String id, long listPosition, String client, String url, String description,
                        String secret, WebhookViews.State state, long cursor, Long pendingThrough,
                        Instant createdAt, Instant lastAttemptAt, String lastStatus, int consecutiveFailures,
                        Instant nextAttemptAt, String suspendedReason, String previousSecret,
                        Instant previousSecretUntil) {

        /** What a delivery at {@code now} is signed with: the secret, then the old one during its grace. */
        List<String> signingSecrets(Instant now) {
            return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                    ? List.of(secret, previousSecret) : List.of(secret);
        }
    }

    private final SqlStatements sql;

    public WebhookStore(SqlStatements sql) {
        this.sql = sql;
    }

    /**
     * Stores a new ACTIVE subscription in the lowest free of the client's {@code perClientMax}
     * slots. The (client, slot) key makes the limit hold when registrations race: the loser of a
     * slot takes the next free one, and with none left the answer is 409 WEBHOOKS_LIMIT_REACHED.
     */
    void create(String id, String client, String url, String description, String secret, long cursor,
                Instant now, int perClientMax) {
        for (int attempt = 0; attempt <= perClientMax; attempt++) {
            Set<Integer> used = new HashSet<>(sql.query("SELECT slot FROM webhook_subscription WHERE client = ?"
                    + " ORDER BY slot LIMIT " + (perClientMax + 1), r -> r.getInt(1), client));
            int slot = 1;
            while (used.contains(slot)) {
                slot++;
            }
            if (slot > perClientMax) {
                throw new ProblemException(409, "WEBHOOKS_LIMIT_REACHED", null, "a client may have at most "
                        + perClientMax + " webhook subscriptions (tollgate.order.webhooks.per-client-max);"
                        + " delete one first");
            }
            try {
                sql.update("INSERT INTO webhook_subscription (subscription_id, client, slot, url, description,"
                        + " secret, state, cursor_position, created_at, consecutive_failures, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)", id, client, slot, url, description, secret,
                        WebhookViews.State.ACTIVE, cursor, now, now);
                return;
            } catch (IllegalStateException e) {
                if (!"23505".equals(Causes.sqlState(e).orElse(""))) {
                    throw e;
                }
                // A concurrent registration took this slot: look again.
            }
        }
        throw new IllegalStateException("no free slot for client " + client + " after " + perClientMax
                + " races");
    }

    /** @param client only if this client registered it, or null for any */
    Optional<Subscription> byId(String id, String client) {
        return client == null
                ? sql.queryOne("SELECT * FROM webhook_subscription WHERE subscription_id = ?",
                        WebhookStore::subscription, id)
                : sql.queryOne("SELECT * FROM webhook_subscription WHERE subscription_id = ? AND client = ?",
                        WebhookStore::subscription, id, client);
    }

    /** Subscriptions after {@code after} in registration order, at most {@code rows}; one client's or all. */
    List<Subscription> page(String client, long after, int rows) {
        return client == null
                ? sql.query("SELECT * FROM webhook_subscription WHERE list_position > ? ORDER BY list_position"
                        + " LIMIT " + rows, WebhookStore::subscription, after)
                : sql.query("SELECT * FROM webhook_subscription WHERE client = ? AND list_position > ?"
                        + " ORDER BY list_position LIMIT " + rows, WebhookStore::subscription, client, after);
    }

    /** True if the client's subscription existed and is gone now. */
    boolean delete(String id, String client) {
        return sql.update("DELETE FROM webhook_subscription WHERE subscription_id = ? AND client = ?", id,
                client) == 1;
    }

    /** Makes the client's subscription ACTIVE, due at once, its failures forgotten; false if none. */
    boolean resume(String id, String client, Instant now) {
        return sql.update("UPDATE webhook_subscription SET state = ?, consecutive_failures = 0,"
                + " suspended_reason = NULL, next_attempt_at = ?, seen_through = NULL"
                + " WHERE subscription_id = ? AND client = ?", WebhookViews.State.ACTIVE, now, id, client) == 1;
    }

    /**
     * Gives the client's subscription a new secret; the one it replaces goes on signing until
     * {@code previousUntil}. A rotation during that grace replaces the old secret with the one
     * current until now (the older one stops signing at once) and restarts the grace. False if the
     * client has no such subscription.
     */
    boolean rotate(String id, String client, String secret, Instant previousUntil) {
        // Every right-hand side reads the row as it was before the UPDATE (SQL's rule, H2 and PostgreSQL).
        return sql.update("UPDATE webhook_subscription SET previous_secret = secret, previous_secret_until = ?,"
                + " secret = ? WHERE subscription_id = ? AND client = ?", previousUntil, secret, id, client) == 1;
    }

    /** Erases the old secrets whose grace is over by {@code now}; how many. */
    int eraseExpiredSecrets(Instant now) {
        return sql.update("UPDATE webhook_subscription SET previous_secret = NULL, previous_secret_until = NULL"
                + " WHERE previous_secret_until <= ?", now);
    }

    /**
     * Ids of ACTIVE subscriptions due by {@code now} that no other instance holds and that have
     * something to send: a batch in flight, or a change of their client after their cursor (the
     * feed's own client index answers it). Another client's commit wakes the worker but claims none
     * of these. Soonest first.
     */
    List<String> due(Instant now, long feedEnd, String worker, int limit) {
        return sql.query("SELECT subscription_id FROM webhook_subscription s WHERE state = ?"
                        + " AND next_attempt_at <= ? AND (seen_through IS NULL OR seen_through < ?)"
                        + " AND (lease_until IS NULL OR lease_until < ? OR lease_owner = ?)"
                        + " AND (pending_through IS NOT NULL OR EXISTS (SELECT 1 FROM order_change c"
                        + " WHERE c.client = s.client AND c.position > s.cursor_position))"
                        + " ORDER BY next_attempt_at LIMIT " + limit, r -> r.getString(1),
                WebhookViews.State.ACTIVE, now, feedEnd, now, worker);
    }

    /** Takes (or extends) the lease; false if another instance holds it or it is not ACTIVE. */
    boolean claim(String id, String worker, Instant now, Instant leaseUntil) {
        return sql.update("UPDATE webhook_subscription SET lease_owner = ?, lease_until = ?"
                + " WHERE subscription_id = ? AND state = ? AND (lease_until IS NULL OR lease_until < ?"
                + " OR lease_owner = ?)", worker, leaseUntil, id, WebhookViews.State.ACTIVE, now, worker) == 1;
    }

    /** Gives the lease up, so another instance need not wait for it to lapse. */
    void release(String id, String worker) {
        sql.update("UPDATE webhook_subscription SET lease_owner = NULL, lease_until = NULL"
                + " WHERE subscription_id = ? AND lease_owner = ?", id, worker);
    }

    /**
     * Renews the lease before a post and pins the batch in flight to end at {@code through} unless
     * one is pinned already, so its retries send the same changes. False if the lease lapsed by
     * {@code now} or went to another instance: then nothing is posted.
     */
    boolean hold(String id, String worker, long through, Instant now, Instant leaseUntil) {
        return sql.update("UPDATE webhook_subscription SET pending_through = COALESCE(pending_through, ?),"
                + " lease_until = ? WHERE subscription_id = ? AND lease_owner = ? AND lease_until > ?", through,
                leaseUntil, id, worker, now) == 1;
    }

    /**
     * Nothing to send up to {@code feedEnd}: not looked at again until the feed grows past it. A pin
     * whose changes are no longer there (none ever leave the feed) would hold the subscription for
     * good, so it goes too.
     */
    void seen(String id, String worker, long feedEnd) {
        sql.update("UPDATE webhook_subscription SET seen_through = ?, pending_through = NULL, lease_owner = NULL,"
                + " lease_until = NULL WHERE subscription_id = ? AND lease_owner = ?", feedEnd, id, worker);
    }

    /**
     * The endpoint took the batch: the cursor moves to its last change and the next batch is due at
     * once; false if this instance no longer holds the lease. The pin goes whatever it was: a batch
     * re-read after batch-max was lowered ends earlier than its pin, and the rest follows next.
     */
    boolean delivered(String id, String worker, long through, Instant now, String status, Instant leaseUntil) {
        return sql.update("UPDATE webhook_subscription SET cursor_position = ?, pending_through = NULL,"
                        + " last_attempt_at = ?, last_status = ?, consecutive_failures = 0, next_attempt_at = ?,"
                        + " lease_until = ? WHERE subscription_id = ? AND lease_owner = ?", through, now, status,
                now, leaseUntil, id, worker) == 1;
    }

    /** The attempt failed: the cursor stays, the same batch is due again at {@code next}. */
    void failed(String id, String worker, Instant now, String status, int failures, Instant next) {
        sql.update("UPDATE webhook_subscription SET last_attempt_at = ?, last_status = ?,"
                + " consecutive_failures = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL"
                + " WHERE subscription_id = ? AND lease_owner = ?", now, status, failures, next, id, worker);
    }

    /** Too many failures in a row: SUSPENDED with the reason until the client resumes it. */
    void suspend(String id, String worker, Instant now, String status, int failures, String reason) {
        sql.update("UPDATE webhook_subscription SET state = ?, last_attempt_at = ?, last_status = ?,"
                        + " consecutive_failures = ?, suspended_reason = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE subscription_id = ? AND lease_owner = ?", WebhookViews.State.SUSPENDED, now,
                status, failures, reason, id, worker);
    }

    long suspendedCount() {
        return sql.queryOne("SELECT COUNT(*) FROM webhook_subscription WHERE state = ?", r -> r.getLong(1),
                WebhookViews.State.SUSPENDED).orElse(0L);
    }

    private static Subscription subscription(ResultSet r) throws SQLException {
        return new Subscription(r.getString("subscription_id"), r.getLong("list_position"), r.getString("client"),
                r.getString("url"), r.getString("description"), r.getString("secret"),
                WebhookViews.State.valueOf(r.getString("state")), r.getLong("cursor_position"),
                nullableLong(r, "pending_through"), instant(r, "created_at"), instant(r, "last_attempt_at"),
                r.getString("last_status"), r.getInt("consecutive_failures"), instant(r, "next_attempt_at"),
                r.getString("suspended_reason"), r.getString("previous_secret"),
                instant(r, "previous_secret_until"));
    }
}
