-- The producer's signature of each entry's source event: the record's verified ce_dssematerial
-- (Base64 DSSE envelope: the producer's key id and its Ed25519 signature over the SHA-256 digest
-- chain of the event's attributes and data). With the producer's public key it proves which service
-- said what, whatever became of the broker. Null for entries booked before events were signed.
-- Beside the entry hash, not in it: it is evidence checked on its own, and a rebuild copies it from
-- the same records. No length bound here: the consumer bounds the header (8,192 characters).
ALTER TABLE ledger_entry ADD COLUMN source_signature VARCHAR;
ALTER TABLE ledger_shadow_entry ADD COLUMN source_signature VARCHAR;
ALTER TABLE ledger_prev_entry ADD COLUMN source_signature VARCHAR;
