-- Engineer A (replies): canned replies per account and language; the moderator's first name signs them when sent.
CREATE TABLE canned_reply (
    id          UUID PRIMARY KEY,
    account_id  UUID        NOT NULL REFERENCES account (id),
    language    TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    text        TEXT        NOT NULL,
    updated_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (account_id, language, name)
);

-- Platform failures are kept on platform_action rows (engineer B); the case column V2 reserved for them is not needed.
ALTER TABLE moderation_case DROP COLUMN platform_error;
