-- A rebuild writes a shadow generation of the journal into ledger_shadow_* while the live tables
-- keep answering and posting; the swap copies it into the live tables in one transaction, after
-- moving the live generation into ledger_prev_* (kept until the next rebuild, for the comparison).
-- Same columns as the live tables, in the same order; the shadow has no secondary indexes (a
-- rebuild reads them only by primary key, except the due-payment scan), the previous generation
-- only its primary keys (it is read for the comparison alone).

CREATE TABLE ledger_shadow_entry (
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
    principal        VARCHAR,
    CONSTRAINT uk_ledger_shadow_entry_chain_seq UNIQUE (chain_id, seq)
);
CREATE TABLE ledger_shadow_posting (
    posting_id   ${identity_column} PRIMARY KEY,
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
    CONSTRAINT uk_ledger_shadow_posting_line UNIQUE (entry_id, line)
);
CREATE TABLE ledger_shadow_balance (
    chain_id     VARCHAR(300) NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, account, currency)
);
CREATE TABLE ledger_shadow_chain (
    chain_id        VARCHAR(300) NOT NULL PRIMARY KEY,
    last_seq        BIGINT       NOT NULL,
    last_hash       VARCHAR(64)  NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    checkpoint_seq  BIGINT       NOT NULL
);
CREATE TABLE ledger_shadow_checkpoint (
    chain_id        VARCHAR(300) NOT NULL,
    seq             BIGINT       NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq)
);
CREATE TABLE ledger_shadow_checkpoint_balance (
    chain_id     VARCHAR(300) NOT NULL,
    seq          BIGINT       NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq, account, currency)
);
CREATE TABLE ledger_shadow_order (
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
    state        ${text_type} NOT NULL,
    version      BIGINT       DEFAULT 0 NOT NULL,
    deadline_chain VARCHAR(300)
);
CREATE TABLE ledger_shadow_processed_event (
    event_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL
);

CREATE TABLE ledger_prev_entry (
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
    principal        VARCHAR,
    CONSTRAINT uk_ledger_prev_entry_chain_seq UNIQUE (chain_id, seq)
);
CREATE TABLE ledger_prev_posting (
    posting_id   BIGINT       NOT NULL PRIMARY KEY,
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
    CONSTRAINT uk_ledger_prev_posting_line UNIQUE (entry_id, line)
);
CREATE TABLE ledger_prev_balance (
    chain_id     VARCHAR(300) NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, account, currency)
);
CREATE TABLE ledger_prev_chain (
    chain_id        VARCHAR(300) NOT NULL PRIMARY KEY,
    last_seq        BIGINT       NOT NULL,
    last_hash       VARCHAR(64)  NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    checkpoint_seq  BIGINT       NOT NULL
);
CREATE TABLE ledger_prev_checkpoint (
    chain_id        VARCHAR(300) NOT NULL,
    seq             BIGINT       NOT NULL,
    max_business_us BIGINT       NOT NULL,
    max_recorded_us BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq)
);
CREATE TABLE ledger_prev_checkpoint_balance (
    chain_id     VARCHAR(300) NOT NULL,
    seq          BIGINT       NOT NULL,
    account      VARCHAR(400) NOT NULL,
    currency     CHAR(3)      NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    PRIMARY KEY (chain_id, seq, account, currency)
);
CREATE TABLE ledger_prev_order (
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
    state        ${text_type} NOT NULL,
    version      BIGINT       DEFAULT 0 NOT NULL,
    deadline_chain VARCHAR(300)
);
CREATE TABLE ledger_prev_processed_event (
    event_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    topic           VARCHAR(249) NOT NULL,
    kafka_partition INTEGER      NOT NULL,
    kafka_offset    BIGINT       NOT NULL
);

CREATE INDEX ix_ledger_shadow_order_deadline ON ledger_shadow_order (deadline_us);

-- The live generation's number; a live batch reads its row with a shared lock (PostgreSQL) and the
-- swap takes it exclusively, so every instance's posting waits for the swap and only for it.
CREATE TABLE ledger_generation (
    id          INTEGER NOT NULL PRIMARY KEY,
    generation  BIGINT  NOT NULL,
    swapped_us  BIGINT
);
INSERT INTO ledger_generation (id, generation, swapped_us) VALUES (1, 1, NULL);

-- The cluster-wide rebuild lock on H2 (PostgreSQL uses an advisory lock): a rebuild keeps this row
-- updated in an open transaction of its own, so a second one fails to update it.
CREATE TABLE ledger_rebuild_lock (
    id     INTEGER      NOT NULL PRIMARY KEY,
    holder VARCHAR(100)
);
INSERT INTO ledger_rebuild_lock (id, holder) VALUES (1, NULL);

-- Rebuild jobs: who started one and when, its progress and its outcome.
CREATE TABLE ledger_rebuild_job (
    job_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    state        VARCHAR(20)  NOT NULL,
    phase        VARCHAR(20)  NOT NULL,
    started_by   VARCHAR(200) NOT NULL,
    started_us   BIGINT       NOT NULL,
    finished_us  BIGINT,
    events_done  BIGINT       NOT NULL,
    events_total BIGINT       NOT NULL,
    outcome      ${text_type}
);
CREATE INDEX ix_ledger_rebuild_job_started ON ledger_rebuild_job (started_us);
