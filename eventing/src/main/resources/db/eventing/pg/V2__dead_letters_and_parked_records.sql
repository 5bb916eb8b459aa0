-- The operable copy of every dead letter (the <group>.dlt topic keeps its own copy), the audit of
-- what operators did with them, and the records held back behind them (same consumer group and key).
CREATE TABLE dead_letter (
    id               BIGSERIAL PRIMARY KEY,
    consumer_group   VARCHAR(200)  NOT NULL,
    topic            VARCHAR(249)  NOT NULL,
    kafka_partition  INTEGER       NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    event_id         VARCHAR(64),
    order_key        VARCHAR(200),
    code             VARCHAR(64)   NOT NULL,
    reason           VARCHAR(1000) NOT NULL,
    record_key       BYTEA,
    record_value     BYTEA,
    record_headers   BYTEA          NOT NULL,
    record_timestamp BIGINT        NOT NULL,
    dead_lettered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    CONSTRAINT uk_dead_letter_origin UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
);
CREATE INDEX ix_dead_letter_key ON dead_letter (consumer_group, order_key, status);
CREATE INDEX ix_dead_letter_status ON dead_letter (status, consumer_group, id);

CREATE TABLE dead_letter_action (
    id             BIGSERIAL PRIMARY KEY,
    dead_letter_id BIGINT        NOT NULL REFERENCES dead_letter (id),
    action         VARCHAR(30)   NOT NULL,
    principal      VARCHAR(200)  NOT NULL,
    acted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    reason         VARCHAR(1000) NOT NULL
);
CREATE INDEX ix_dead_letter_action ON dead_letter_action (dead_letter_id, id);

CREATE TABLE parked_record (
    id               BIGSERIAL PRIMARY KEY,
    consumer_group   VARCHAR(200)  NOT NULL,
    order_key        VARCHAR(200)  NOT NULL,
    topic            VARCHAR(249)  NOT NULL,
    kafka_partition  INTEGER       NOT NULL,
    kafka_offset     BIGINT        NOT NULL,
    record_key       BYTEA,
    record_value     BYTEA,
    record_headers   BYTEA          NOT NULL,
    record_timestamp BIGINT        NOT NULL,
    parked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_parked_origin UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
);
CREATE INDEX ix_parked_key ON parked_record (consumer_group, order_key, id);
