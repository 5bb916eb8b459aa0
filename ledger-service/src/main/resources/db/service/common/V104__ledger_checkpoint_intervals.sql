-- Each balance checkpoint also names the interval of the chain it closes, (from_seq, seq], with the
-- earliest business and recording time of the entries in it, and each chain head the earliest
-- times of the entries after its last checkpoint (its tail; the largest BIGINT while it has none).
-- An as-of query then reads only the intervals (and the tail) that hold an entry dated at or before
-- its instant instead of the whole rest of each chain. The defaults (no earlier checkpoint, times
-- unknown: the smallest BIGINT) make a reader scan a row written without them; the live
-- generation's rows are filled in from its entries below.
ALTER TABLE ledger_checkpoint ADD COLUMN from_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ledger_checkpoint ADD COLUMN min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_checkpoint ADD COLUMN min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_shadow_checkpoint ADD COLUMN from_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ledger_shadow_checkpoint ADD COLUMN min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_shadow_checkpoint ADD COLUMN min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_prev_checkpoint ADD COLUMN from_seq BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE ledger_prev_checkpoint ADD COLUMN min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_prev_checkpoint ADD COLUMN min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_chain ADD COLUMN tail_min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_chain ADD COLUMN tail_min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_shadow_chain ADD COLUMN tail_min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_shadow_chain ADD COLUMN tail_min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_prev_chain ADD COLUMN tail_min_business_us BIGINT DEFAULT -9223372036854775808 NOT NULL;
ALTER TABLE ledger_prev_chain ADD COLUMN tail_min_recorded_us BIGINT DEFAULT -9223372036854775808 NOT NULL;

UPDATE ledger_checkpoint k SET from_seq = COALESCE((SELECT MAX(p.seq) FROM ledger_checkpoint p
    WHERE p.chain_id = k.chain_id AND p.seq < k.seq), 0);
UPDATE ledger_checkpoint k SET
    min_business_us = COALESCE((SELECT MIN(e.business_us) FROM ledger_entry e
        WHERE e.chain_id = k.chain_id AND e.seq > k.from_seq AND e.seq <= k.seq), -9223372036854775808),
    min_recorded_us = COALESCE((SELECT MIN(e.recorded_us) FROM ledger_entry e
        WHERE e.chain_id = k.chain_id AND e.seq > k.from_seq AND e.seq <= k.seq), -9223372036854775808);
UPDATE ledger_chain h SET
    tail_min_business_us = COALESCE((SELECT MIN(e.business_us) FROM ledger_entry e
        WHERE e.chain_id = h.chain_id AND e.seq > h.checkpoint_seq), 9223372036854775807),
    tail_min_recorded_us = COALESCE((SELECT MIN(e.recorded_us) FROM ledger_entry e
        WHERE e.chain_id = h.chain_id AND e.seq > h.checkpoint_seq), 9223372036854775807);
