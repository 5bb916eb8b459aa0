-- Documents supplied for each application: what, who issued it, the days it was issued and
-- expires, the issuer's reference and the SHA-256 of the document (never its bytes), and who
-- supplied it when. At most 20 per application (the Application aggregate's bound).
CREATE TABLE regulator_application_document (
    id          ${identity_column} PRIMARY KEY,
    order_id    VARCHAR(200) NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    issuer      VARCHAR(200) NOT NULL,
    issued_on   DATE         NOT NULL,
    expires_on  DATE         NOT NULL,
    reference   VARCHAR(100) NOT NULL,
    sha256      VARCHAR(64)  NOT NULL,
    supplied_by VARCHAR(200),
    supplied_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_regulator_document_order ON regulator_application_document (order_id, id);

-- The document kinds an application waiting for documents still misses (JSON list, as its latest
-- DocumentsRequestedEvent names them); read only while its status is AWAITING_DOCUMENTS.
ALTER TABLE regulator_application ADD COLUMN documents_missing VARCHAR(20000);
