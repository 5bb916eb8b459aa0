-- Batches of order lines (POST /api/v1/order-batches). The batch and every line are stored in the
-- request's transaction before the 202, so a batch that was answered is never lost; a line's order
-- and its line's ACCEPTED state commit together, so a line is accepted exactly when its order exists.
CREATE TABLE order_batch (
    batch_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    -- The client (principal) that sent it: it owns the batch and the orders its lines create.
    client          VARCHAR(200) NOT NULL,
    -- The batch's own Idempotency-Key: a retried upload answers the first one's batch.
    idempotency_key VARCHAR(200) NOT NULL,
    -- SHA-256 of the body: the same key with another body is a 409.
    request_hash    CHAR(64)     NOT NULL,
    format          VARCHAR(10)  NOT NULL,
    line_count      INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Which instance works the batch, until when (it renews the lease while it works).
    worker          VARCHAR(200),
    lease_until     TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_order_batch_key UNIQUE (client, idempotency_key)
);
CREATE INDEX ix_order_batch_open ON order_batch (finished_at, created_at);

CREATE TABLE order_batch_line (
    batch_id        VARCHAR(64)   NOT NULL,
    -- The line's number in the uploaded body (1-based; for CSV the header is line 1).
    line_no         INTEGER       NOT NULL,
    idempotency_key VARCHAR(200),
    -- The line's order request as canonical JSON; null when the line could not be read.
    body            VARCHAR(16000),
    -- PENDING, then ACCEPTED (order_id set) or REJECTED (problem_* set).
    state           VARCHAR(10)   NOT NULL,
    order_id        VARCHAR(64),
    problem_status  INTEGER,
    problem_code    VARCHAR(100),
    problem_field   VARCHAR(200),
    problem_detail  VARCHAR(2000),
    attempts        INTEGER       NOT NULL,
    PRIMARY KEY (batch_id, line_no)
);
CREATE INDEX ix_order_batch_line_state ON order_batch_line (batch_id, state, line_no);
