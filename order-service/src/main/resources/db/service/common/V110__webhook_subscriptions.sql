-- Webhook subscriptions (POST /api/v1/webhooks): an ERP client's HTTPS endpoint that order-service
-- pushes the client's change-feed rows to, in feed order, at least once. The cursor moves only after
-- the endpoint answered 2xx, in the same statement that clears the batch in flight.
CREATE TABLE webhook_subscription (
    subscription_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    -- The key pages of GET /api/v1/webhooks continue after.
    list_position        ${identity_column} NOT NULL UNIQUE,
    -- The client (principal) that registered it: it sees and manages it, and receives only the
    -- changes of its own orders.
    client               VARCHAR(200)  NOT NULL,
    -- 1..tollgate.order.webhooks.per-client-max: the unique pair holds the per-client limit even
    -- when two registrations race.
    slot                 INTEGER       NOT NULL,
    url                  VARCHAR(2000) NOT NULL,
    description          VARCHAR(200),
    -- The signing key (32 random bytes, base64url), shown to the client once, at registration.
    secret               VARCHAR(64)   NOT NULL,
    -- ACTIVE or SUSPENDED.
    state                VARCHAR(10)   NOT NULL,
    -- The feed position delivered up to (order_change.position; 0 before the first change).
    cursor_position      BIGINT        NOT NULL,
    -- The last position of the batch in flight, kept until the endpoint takes it: a retry sends
    -- the same changes (and the same delivery id). Null when none is in flight.
    pending_through      BIGINT,
    -- The feed's end when a look found nothing to send: skipped until the feed grows past it.
    seen_through         BIGINT,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at      TIMESTAMP WITH TIME ZONE,
    -- The HTTP status of the last attempt, or an error name (TIMEOUT, CONNECTION_REFUSED, ...).
    last_status          VARCHAR(60),
    consecutive_failures INTEGER       NOT NULL,
    next_attempt_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    suspended_reason     VARCHAR(2000),
    -- Which instance delivers it, until when: one instance at a time, and a dead one's lease lapses.
    lease_owner          VARCHAR(200),
    lease_until          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_webhook_subscription_slot UNIQUE (client, slot)
);
CREATE INDEX ix_webhook_subscription_due ON webhook_subscription (state, next_attempt_at);
CREATE INDEX ix_webhook_subscription_client ON webhook_subscription (client, list_position);
