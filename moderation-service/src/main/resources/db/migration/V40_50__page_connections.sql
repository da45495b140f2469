-- Connected pages and Instagram business accounts (issue 17): the page access token sealed with AES-256-GCM
-- (TokenKeyring, key from TINGVAKT_TOKEN_KEY; key_id names the key that sealed it, for rotation), the Facebook page whose
-- webhook subscription serves the account (the page itself, or the page an Instagram account is linked to), and what
-- the daily health check found. Disconnecting deletes the row; the account and its history stay.
CREATE TABLE page_connection (
    account_id        UUID        PRIMARY KEY REFERENCES account (id),
    platform          TEXT        NOT NULL,
    external_id       TEXT        NOT NULL UNIQUE,
    page_id           TEXT        NOT NULL,
    sealed_token      TEXT        NOT NULL,
    key_id            TEXT        NOT NULL,
    subscribed_fields TEXT        NOT NULL,
    tasks             TEXT        NOT NULL DEFAULT '',
    connected_by      TEXT        NOT NULL,
    connected_at      TIMESTAMPTZ NOT NULL,
    checked_at        TIMESTAMPTZ,
    token_expires_at  TIMESTAMPTZ,
    scopes            TEXT        NOT NULL DEFAULT '',
    health_flags      TEXT        NOT NULL DEFAULT '',
    notified_flags    TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX page_connection_page ON page_connection (page_id);
