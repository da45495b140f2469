-- The account's own posts (Facebook feed items of the page itself, Instagram media of the account): the roots of the
-- threads its comments are written under. Stored from webhooks and from the reconciliation, once per post; an edit
-- replaces the text. They give evidence records their thread context and decide whether an account is inactive.
CREATE TABLE page_post (
    platform    TEXT        NOT NULL,
    post_id     TEXT        NOT NULL,
    account_id  UUID        NOT NULL REFERENCES account (id),
    thread_key  TEXT        NOT NULL,
    text        TEXT        NOT NULL DEFAULT '',
    permalink   TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, post_id)
);
CREATE INDEX page_post_account_created ON page_post (account_id, created_at DESC);
CREATE INDEX page_post_thread ON page_post (thread_key);
