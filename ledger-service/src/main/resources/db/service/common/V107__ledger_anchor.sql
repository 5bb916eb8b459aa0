-- The ledger's anchored checkpoints: at each anchoring run, every chain whose head moved since its
-- last anchor gets one, signed with the ledger's key and published on tollgate.ledger-checkpoints.v1
-- (docs/ledger-rules.md, "Anchored checkpoints"). This copy is a convenience (what the next run
-- skips, what the API lists); verification trusts the published records, and a stored row that is
-- not on the topic is itself reported. anchor_id is the record's ce_id; signature its verified
-- ce_dssematerial (Base64 DSSE envelope, bounded at 8,192 characters by the verifier).
CREATE TABLE ledger_anchor (
    anchor_id      VARCHAR(36)  NOT NULL PRIMARY KEY,
    generation     BIGINT       NOT NULL,
    chain_id       VARCHAR(300) NOT NULL,
    seq            BIGINT       NOT NULL,
    entry_hash     VARCHAR(64)  NOT NULL,
    balance_digest VARCHAR(71)  NOT NULL,
    anchored_us    BIGINT       NOT NULL,
    signature      VARCHAR(8192) NOT NULL,
    CONSTRAINT uk_ledger_anchor_point UNIQUE (generation, chain_id, seq)
);
