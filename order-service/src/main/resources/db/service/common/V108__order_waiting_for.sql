-- What the regulator's application waits for (GET /api/v1/orders/{id}: authorization.waitingFor and
-- authorization.requirement), from AuthorizationPending events: set while the order waits, cleared
-- when the ERP supplies a scenario and when the decision arrives. The policy version and clause of a
-- wait go in policy_version and policy_clause, which the decision then overwrites.
ALTER TABLE order_view ADD COLUMN waiting_for VARCHAR(60);
ALTER TABLE order_view ADD COLUMN waiting_track VARCHAR(20);
ALTER TABLE order_view ADD COLUMN waiting_code VARCHAR(60);
ALTER TABLE order_view ADD COLUMN waiting_requirement VARCHAR(2000);
ALTER TABLE order_view ADD COLUMN waiting_since TIMESTAMP WITH TIME ZONE;
-- The change feed names what a wait is for on its AuthorizationPending rows (null on every other row).
ALTER TABLE order_change ADD COLUMN waiting_for VARCHAR(60);
