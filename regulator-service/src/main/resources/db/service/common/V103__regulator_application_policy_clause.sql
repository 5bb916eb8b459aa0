-- The clause of the policy version that decided an application (or sent it to wait), as its
-- decision event names it; null for applications decided before decisions named their clause.
-- Clause names are at most 60 characters (PolicyValidator, the contract's WireLimits).
ALTER TABLE regulator_application ADD COLUMN policy_clause VARCHAR(60);
