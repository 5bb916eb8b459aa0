-- Who caused each history entry: the "principal" metadata of the event (the authenticated caller, or
-- system:order-service for decisions the consumer applied). Null for events stored before it existed.
ALTER TABLE order_history ADD COLUMN principal VARCHAR(200);
