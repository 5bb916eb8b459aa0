-- Read models of regulator-service, written by subscribing projections in the command's transaction.

-- One row per application (order); row_no orders the bounded list and is its cursor.
CREATE TABLE regulator_application (
    row_no           BIGSERIAL PRIMARY KEY,
    order_id         VARCHAR(200)  NOT NULL,
    request_event_id VARCHAR(64)   NOT NULL,
    status           VARCHAR(30)   NOT NULL,
    customer_id      VARCHAR(200)  NOT NULL,
    customer_name    VARCHAR(1000),
    product_sku      VARCHAR(200)  NOT NULL,
    product_family   VARCHAR(200),
    quantity         BIGINT        NOT NULL,
    usage_scenario   TEXT,
    quarter          VARCHAR(10)   NOT NULL,
    policy_version   VARCHAR(40),
    authorization_id VARCHAR(64),
    decided_by       VARCHAR(200),
    us_export        VARCHAR(10000),
    cn_import        VARCHAR(10000),
    reasons          TEXT,
    units_returned   BOOLEAN       DEFAULT FALSE NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_regulator_application_order UNIQUE (order_id)
);
CREATE INDEX ix_regulator_application_status ON regulator_application (status, row_no);

-- What happened to each application, in order: the audit trail the API shows.
CREATE TABLE regulator_application_history (
    id             BIGSERIAL PRIMARY KEY,
    order_id       VARCHAR(200)  NOT NULL,
    event          VARCHAR(60)   NOT NULL,
    status         VARCHAR(30)   NOT NULL,
    track          VARCHAR(20),
    code           VARCHAR(60),
    text           TEXT,
    policy_version VARCHAR(40),
    actor          VARCHAR(200),
    at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_regulator_history_order ON regulator_application_history (order_id, id);

CREATE TABLE regulator_designation (
    row_no              BIGSERIAL PRIMARY KEY,
    customer_id         VARCHAR(200)  NOT NULL,
    name                VARCHAR(1000) NOT NULL,
    country             VARCHAR(2)    NOT NULL,
    unit_cap_per_quarter BIGINT,
    status              VARCHAR(20)   NOT NULL,
    designated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_regulator_designation_customer UNIQUE (customer_id)
);

-- Units granted (and not given back) per customer and calendar quarter.
CREATE TABLE regulator_designation_units (
    customer_id VARCHAR(200) NOT NULL,
    quarter     VARCHAR(10)  NOT NULL,
    units       BIGINT       NOT NULL,
    PRIMARY KEY (customer_id, quarter)
);

-- Every adopted policy version; the highest row_no is the one new decisions use.
CREATE TABLE regulator_policy (
    row_no     BIGSERIAL PRIMARY KEY,
    version    VARCHAR(40)     NOT NULL,
    document   TEXT NOT NULL,
    adopted_by VARCHAR(200)    NOT NULL,
    adopted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_regulator_policy_version UNIQUE (version)
);
