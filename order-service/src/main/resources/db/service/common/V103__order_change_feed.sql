-- The order change feed (GET /api/v1/order-changes): one row per event of every order, numbered by
-- the "order-feed" processor. That processor reads the event store in its own order, one segment
-- claimed by one instance at a time, and numbers each row in the transaction that also moves its
-- token: a row's position is only ever higher than every position already committed, so a reader
-- that resumes after a position never misses a row committed later.
CREATE TABLE order_change (
    position        BIGINT       NOT NULL PRIMARY KEY,
    -- The event behind the row: a redelivered event finds its row and adds none.
    event_id        VARCHAR(64)  NOT NULL UNIQUE,
    order_id        VARCHAR(64)  NOT NULL,
    sequence_number BIGINT       NOT NULL,
    -- The client that owns the order (order_view.client): erp callers read only their own rows.
    client          VARCHAR(200),
    change_type     VARCHAR(100) NOT NULL,
    -- The order's status once this event applied.
    status          VARCHAR(20)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_order_change_client ON order_change (client, position);
