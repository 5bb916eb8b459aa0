-- Who caused each entry's source event (requestedBy, cancelledBy, recordedBy or decidedBy on the
-- wire); null for events whose producer did not name one. Covered by the entry hash (encoding v2).
-- No length bound here: the wire puts none on the field, and a Kafka record (≤ 1 MB) bounds it, so
-- an unusually long principal can never stop the consumer.
ALTER TABLE ledger_entry ADD COLUMN principal VARCHAR;
