-- The regulator's decision as data on the order (GET /api/v1/orders/{id}: authorization): which
-- decision, the policy clause that decided it, when, and for a denial its reasons (JSON array of
-- {code, track, text}). Decisions applied before this column existed keep their version and decider;
-- their clause, time and reasons are not in the read model (the history's text has the reasons).
ALTER TABLE order_view ADD COLUMN decision VARCHAR(10);
ALTER TABLE order_view ADD COLUMN policy_clause VARCHAR(100);
ALTER TABLE order_view ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE order_view ADD COLUMN denial_reasons VARCHAR(20000);
UPDATE order_view SET decision = CASE WHEN status = 'DENIED' THEN 'DENIED' ELSE 'GRANTED' END
    WHERE authorization_id IS NOT NULL;
