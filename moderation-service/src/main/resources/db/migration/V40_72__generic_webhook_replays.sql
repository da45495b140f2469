-- Signed generic-webhook requests already received, so that the same signed request within the timestamp window is
-- refused (the window alone stops only older replays). Kept until the window has passed; no personal data.
CREATE TABLE generic_webhook_delivery (
    replay_key  text PRIMARY KEY,
    account_id  text NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX generic_webhook_delivery_expiry ON generic_webhook_delivery (expires_at);
