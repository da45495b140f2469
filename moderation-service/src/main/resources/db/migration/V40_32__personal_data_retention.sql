-- Retention of personal data (docs/personal-data.md): per account how many months after receipt a comment's text and
-- sender are kept (NULL: tingvakt.moderation.retention.default-months, 18), when a comment version was pseudonymised,
-- and the log of every disposal (counts and the rule, never content).
ALTER TABLE account ADD COLUMN retention_months INT CHECK (retention_months > 0);
ALTER TABLE comment_version ADD COLUMN personal_data_removed_at TIMESTAMPTZ;
CREATE INDEX comment_version_retention ON comment_version (received_at) WHERE personal_data_removed_at IS NULL;

CREATE TABLE retention_disposal (
    id              BIGSERIAL PRIMARY KEY,
    account_id      UUID        NOT NULL,
    disposed_at     TIMESTAMPTZ NOT NULL,
    rule            TEXT        NOT NULL,
    comment_versions INT        NOT NULL,
    platform_actions INT        NOT NULL
);
CREATE INDEX retention_disposal_account ON retention_disposal (account_id, id DESC);
