-- Secret rotation (POST /api/v1/webhooks/{id}/rotate-secret): the secret that was current before the
-- last rotation. Deliveries are signed with it too (a second v1 in Tollgate-Signature) until
-- previous_secret_until, so the ERP can deploy the new secret before the old one stops; after that
-- the delivery worker erases both columns. Null when no rotation's grace is running.
ALTER TABLE webhook_subscription ADD COLUMN previous_secret VARCHAR(64);
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_webhook_subscription_previous_until ON webhook_subscription (previous_secret_until);
