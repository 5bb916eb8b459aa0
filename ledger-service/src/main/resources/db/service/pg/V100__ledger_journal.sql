-- The ledger's journal (append-only, hash-chained per source partition), its running balances per
-- chain, balance checkpoints, order states (with parked events) and the processed-event log.
-- Times are microseconds since the epoch (BIGINT): the precision the chain hashes cover.
CREATE TABLE ledger_entry (
    entry_id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    chain_id         VARCHAR(300) NOT NULL,
    seq              BIGINT       NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    order_id         VARCHAR(200) NOT NULL,
    source_event_id  VARCHAR(64)  NOT NULL,
    source_topic     VARCHAR(249) NOT NULL,
    source_partition INTEGER      NOT NULL,
    source_offset    BIGINT       NOT NULL,
    business_us      BIGINT       NOT NULL,
    recorded_us      BIGINT       NOT NULL,
    prev_hash        VARCHAR(64)  NOT NULL,
    hash             VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_ledger_entry_chain_seq UNIQUE (chain_id, seq)
);
CREATE INDEX ix_ledger_entry_order ON ledger_entry (order_id);

CREATE TABLE ledger_posting (
    posting_id   BIGSERIAL PRIMARY KEY,
    entry_id     VARCHAR(36)  NOT NULL,
    line         INTEGER      NOT NULL,
    chain_id     VARCHAR(300) NOT NULL,
    seq          BIGINT       NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    side         CHAR(1)      NOT NULL,
    amount_minor BIGINT       NOT NULL,
    business_us  BIGINT       NOT NULL,
    recorded_us  BIGINT       NOT NULL,
    CONSTRAINT uk_ledger_posting_line UNIQUE (entry_id, line)
);
CREATE INDEX ix_ledger_posting_account ON ledger_posting (account, posting_id);
CREATE INDEX ix_ledger_posting_chain ON ledger_posting (chain_id, seq);

CREATE TABLE ledger_balance (
    chain_id     VARCHAR(300) NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, account, currency)
);

CREATE TABLE ledger_chain (
    chain_id        VARCHAR(300) NOT NULL PRIMARY KEY,
    last_seq        BIGINT       NOT NULL,
    last_hash       VARCHAR(64)  NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    checkpoint_seq  BIGINT       NOT NULL
);

CREATE TABLE ledger_checkpoint (
    chain_id        VARCHAR(300) NOT NULL,
    seq             BIGINT       NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq)
);

CREATE TABLE ledger_checkpoint_balance (
    chain_id     VARCHAR(300) NOT NULL,
    seq          BIGINT       NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq, account, currency)
);

CREATE TABLE ledger_order (
    order_id     VARCHAR(200) NOT NULL PRIMARY KEY,
    status       VARCHAR(20)  NOT NULL,
    currency     CHAR(3),
    gross_minor  BIGINT       NOT NULL,
    due_minor    BIGINT       NOT NULL,
    paid_minor   BIGINT       NOT NULL,
    parked       INTEGER      NOT NULL,
    suspended    INTEGER      NOT NULL,
    anomalies    BIGINT       NOT NULL,
    deadline_us  BIGINT,
    state        TEXT         NOT NULL
);
CREATE INDEX ix_ledger_order_deadline ON ledger_order (deadline_us);
CREATE INDEX ix_ledger_order_parked ON ledger_order (parked);

CREATE TABLE ledger_processed_event (
    event_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL
);
