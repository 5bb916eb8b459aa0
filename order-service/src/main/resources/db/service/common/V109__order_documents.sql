-- The documents the ERP supplied for an order through POST /api/v1/orders/{id}/documents
-- (GET /api/v1/orders/{id}: documents), one row per DocumentSuppliedEvent; at most 20 per order
-- (Order.DOCUMENTS_MAX). Only what the ERP needs to follow them: the regulator keeps the issuer and
-- the digest with the application.
CREATE TABLE order_document (
    order_id        VARCHAR(64)  NOT NULL,
    -- The event's sequence in its order: a row per event, listed in the order supplied.
    sequence_number BIGINT       NOT NULL,
    kind            VARCHAR(40)  NOT NULL,
    reference       VARCHAR(100) NOT NULL,
    issued_on       DATE         NOT NULL,
    expires_on      DATE         NOT NULL,
    supplied_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, sequence_number)
);
