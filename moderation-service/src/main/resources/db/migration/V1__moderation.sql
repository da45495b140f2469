-- moderation-service schema: accounts, comments (every version kept), cases, archive requests.

CREATE TABLE account (
    id             UUID PRIMARY KEY,
    platform       TEXT        NOT NULL,
    external_id    TEXT        NOT NULL,
    name           TEXT        NOT NULL,
    country        TEXT        NOT NULL DEFAULT 'DK',
    language       TEXT        NOT NULL DEFAULT 'da',
    time_zone      TEXT        NOT NULL DEFAULT 'Europe/Copenhagen',
    office_open    TIME        NOT NULL DEFAULT '08:00',
    office_close   TIME        NOT NULL DEFAULT '16:00',
    reply_rule     TEXT        NOT NULL DEFAULT 'WITHIN_24H_OR_NEXT_WORKDAY',
    rules_url      TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (platform, external_id)
);

-- One row per version of a comment: an edit is a new version, nothing is overwritten.
CREATE TABLE comment_version (
    id                 UUID PRIMARY KEY,
    platform           TEXT        NOT NULL,
    comment_id         TEXT        NOT NULL,
    version            INT         NOT NULL,
    account_id         UUID        NOT NULL REFERENCES account (id),
    post_id            TEXT        NOT NULL,
    parent_id          TEXT,
    thread_key         TEXT        NOT NULL,
    kind               TEXT        NOT NULL,
    sender_id          TEXT,
    sender_name        TEXT,
    sender_profile_url TEXT,
    text               TEXT        NOT NULL,
    permalink          TEXT,
    attachments        TEXT[]      NOT NULL DEFAULT '{}',
    created_at         TIMESTAMPTZ NOT NULL,
    received_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (platform, comment_id, version)
);
CREATE INDEX comment_version_thread ON comment_version (thread_key, created_at);

-- One case per comment; it follows the comment's latest version.
CREATE TABLE moderation_case (
    id                 UUID PRIMARY KEY,
    platform           TEXT        NOT NULL,
    comment_id         TEXT        NOT NULL,
    comment_version_id UUID        NOT NULL REFERENCES comment_version (id),
    version            INT         NOT NULL,
    account_id         UUID        NOT NULL REFERENCES account (id),
    thread_key         TEXT        NOT NULL,
    state              TEXT        NOT NULL,
    language           TEXT,
    labels             TEXT[]      NOT NULL DEFAULT '{}',
    intents            TEXT[]      NOT NULL DEFAULT '{}',
    scores             JSONB       NOT NULL DEFAULT '{}',
    spans              JSONB       NOT NULL DEFAULT '[]',
    policy_action      TEXT,
    decision_reason    TEXT,
    decided_by         TEXT,
    received_at        TIMESTAMPTZ NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    lock_version       BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (platform, comment_id)
);
CREATE INDEX moderation_case_queue ON moderation_case (account_id, state, received_at DESC);

-- The deletion saga: evidence asked for one exact comment version; deletion waits for its verified record.
CREATE TABLE archive_request (
    id                 UUID PRIMARY KEY,
    case_id            UUID        NOT NULL REFERENCES moderation_case (id),
    comment_version_id UUID        NOT NULL REFERENCES comment_version (id),
    content_sha256     TEXT        NOT NULL,
    state              TEXT        NOT NULL,
    record_id          TEXT,
    requested_at       TIMESTAMPTZ NOT NULL,
    archived_at        TIMESTAMPTZ
);
CREATE INDEX archive_request_case ON archive_request (case_id);
