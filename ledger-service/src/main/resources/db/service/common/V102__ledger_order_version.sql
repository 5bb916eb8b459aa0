-- Several ledger instances share one database: each order row carries a version that every update
-- checks and increments (a stale writer fails and its batch is retried), and the chain its next
-- payment timeout is written to, so an instance expires only waits on partitions it owns.
ALTER TABLE ledger_order ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ledger_order ADD COLUMN deadline_chain VARCHAR(300);
CREATE INDEX ix_ledger_order_deadline_chain ON ledger_order (deadline_chain, deadline_us);
