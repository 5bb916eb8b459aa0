-- order-service's own tables (PostgreSQL). The event store, token store and processed-event log come from
-- eventing's V1. Everything here is written in the transaction of the command that caused it.

-- One row per order: the current state, kept by the subscribing projection "order-view".
CREATE TABLE order_view (
    order_id                VARCHAR(64)     NOT NULL PRIMARY KEY,
    -- Monotonic position for cursor pagination (a cursor is "after this position").
    list_position           BIGSERIAL NOT NULL UNIQUE,
    customer_id             VARCHAR(200)    NOT NULL,
    customer_name           VARCHAR(500)    NOT NULL,
    product_sku             VARCHAR(100)    NOT NULL,
    product_family          VARCHAR(50)     NOT NULL,
    quantity                BIGINT          NOT NULL,
    currency                CHAR(3)         NOT NULL,
    unit_price              NUMERIC(30, 6)  NOT NULL,
    gross_amount            NUMERIC(30, 6)  NOT NULL,
    revenue_share_rate      VARCHAR(20),
    revenue_share_due       NUMERIC(30, 6),
    revenue_share_paid      NUMERIC(30, 6)  NOT NULL,
    payee                   VARCHAR(100),
    status                  VARCHAR(20)     NOT NULL,
    authorization_id        VARCHAR(200),
    policy_version          VARCHAR(100),
    decided_by              VARCHAR(200),
    voided_authorization_id VARCHAR(200),
    usage_scenario          VARCHAR(10000),
    erp_reference           VARCHAR(200),
    requested_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Sequence number of the last event applied (the aggregate's version).
    last_sequence           BIGINT          NOT NULL
);
CREATE INDEX ix_order_view_customer ON order_view (customer_id, list_position);
CREATE INDEX ix_order_view_status ON order_view (status, list_position);

-- Every event of every order with its times, for GET /api/v1/orders/{id}.
CREATE TABLE order_history (
    order_id        VARCHAR(64)   NOT NULL,
    sequence_number BIGINT        NOT NULL,
    event_id        VARCHAR(64)   NOT NULL,
    event_type      VARCHAR(100)  NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    summary         VARCHAR(2000) NOT NULL,
    PRIMARY KEY (order_id, sequence_number)
);

-- Idempotency-Key of POST /api/v1/orders. The primary key makes concurrent requests with one key
-- create one order: the first insert wins, the others fail on the key and answer the winner's order.
CREATE TABLE order_request_key (
    idempotency_key VARCHAR(200) NOT NULL PRIMARY KEY,
    -- SHA-256 of the canonical request body: same key with another body is a 409.
    request_hash    CHAR(64)     NOT NULL,
    order_id        VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
