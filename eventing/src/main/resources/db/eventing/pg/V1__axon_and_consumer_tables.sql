-- Axon's JDBC event store, snapshot store and token store, plus the consumers' processed-event log.
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    aggregate_type       VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    CONSTRAINT uk_domain_event_id UNIQUE (event_identifier),
    CONSTRAINT uk_domain_event_seq UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    aggregate_type       VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number, aggregate_type),
    CONSTRAINT uk_snapshot_event_id UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment_id     INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    time_stamp     VARCHAR(255),
    owner_id       VARCHAR(255),
    PRIMARY KEY (processor_name, segment_id)
);

-- One row per (consumer group, event id) applied; written in the transaction of the effect.
CREATE TABLE processed_event (
    consumer_group VARCHAR(200) NOT NULL,
    event_id       VARCHAR(64)  NOT NULL,
    topic          VARCHAR(249) NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset   BIGINT       NOT NULL,
    outcome        VARCHAR(20)  NOT NULL,
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer_group, event_id)
);
