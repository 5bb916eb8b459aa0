-- Who changed each register entry: the principal (metadata "principal" of the event) that first
-- designated it, revoked it (cleared on re-designation) and made the latest change. Rows written
-- before authentication existed keep NULL here: nobody was recorded.
ALTER TABLE regulator_designation ADD COLUMN designated_by VARCHAR(200);
ALTER TABLE regulator_designation ADD COLUMN revoked_by VARCHAR(200);
ALTER TABLE regulator_designation ADD COLUMN updated_by VARCHAR(200);
