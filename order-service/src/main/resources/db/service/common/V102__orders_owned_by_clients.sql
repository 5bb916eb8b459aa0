-- Callers own their keys and orders. The client of an order is the authenticated principal that
-- requested it (a Basic user's name, or a token's issuer#subject); ERP callers read, list and cancel
-- only their client's orders, and an Idempotency-Key is scoped to the client that sent it.

-- Orders requested before this column existed belong to the principal stamped on their first event
-- (order_history.principal of sequence 0); where none was stamped (stored before authentication)
-- the order belongs to no client: only callers who read every order see it, and no ERP client can
-- cancel it.
ALTER TABLE order_view ADD COLUMN client VARCHAR(200);
UPDATE order_view SET client = (SELECT h.principal FROM order_history h
                                WHERE h.order_id = order_view.order_id AND h.sequence_number = 0);
CREATE INDEX ix_order_view_client ON order_view (client, list_position);

-- The key table again, keyed by (client, key): two clients may both send PO-4711 and get two orders.
-- Keys taken before keep their order under that order's client ('' where it has none: such a key
-- is matched by nobody, so a retry of it now creates a new order).
CREATE TABLE order_client_request_key (
    client          VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL,
    -- SHA-256 of the canonical request body: same client and key with another body is a 409.
    request_hash    CHAR(64)     NOT NULL,
    order_id        VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client, idempotency_key)
);
INSERT INTO order_client_request_key (client, idempotency_key, request_hash, order_id, created_at)
    SELECT COALESCE(v.client, ''), k.idempotency_key, k.request_hash, k.order_id, k.created_at
    FROM order_request_key k LEFT JOIN order_view v ON v.order_id = k.order_id;
DROP TABLE order_request_key;
