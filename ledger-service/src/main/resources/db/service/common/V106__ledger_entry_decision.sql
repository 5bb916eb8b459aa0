-- The policy version and the clause that decided an authorization, as its decision event names them,
-- on every entry the decision releases (null for other entries and for decisions published before
-- clauses were named). Inside the entry hash (EntryHasher: the decision trailer), so an altered
-- version or clause is detected by verify; entries without one hash as before. No length bound
-- here: the wire bounds both (a version is at most 40 characters, a clause at most 60, as validated
-- by regulator-service; the consumer stores what the signed event says).
ALTER TABLE ledger_entry ADD COLUMN policy_version VARCHAR;
ALTER TABLE ledger_entry ADD COLUMN policy_clause VARCHAR;
ALTER TABLE ledger_shadow_entry ADD COLUMN policy_version VARCHAR;
ALTER TABLE ledger_shadow_entry ADD COLUMN policy_clause VARCHAR;
ALTER TABLE ledger_prev_entry ADD COLUMN policy_version VARCHAR;
ALTER TABLE ledger_prev_entry ADD COLUMN policy_clause VARCHAR;
