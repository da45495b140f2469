-- Engineer B (ingestion, saga, notices): platform actions as durable saga steps, thread-notice and DM-reply throttles,
-- removals by authors. Every platform call is a row first, so a crash between steps resumes from here.

CREATE TABLE platform_action (
    id                  UUID PRIMARY KEY,
    case_id             UUID REFERENCES moderation_case (id),  -- null for thread notices and DM replies
    operation           TEXT        NOT NULL,                  -- HIDE, UNHIDE, DELETE, REPLY, THREAD_NOTICE, DM_REPLY
    platform            TEXT        NOT NULL,
    account_external_id TEXT        NOT NULL,
    target_id           TEXT        NOT NULL,                  -- comment id, post id, or the DM's recipient
    text                TEXT,                                  -- for replies, notices and DMs
    actor               TEXT        NOT NULL,                  -- a moderator's subject, 'policy' or 'saga'
    reason              TEXT,
    state               TEXT        NOT NULL,                  -- PENDING, DONE, FAILED
    runs                INT         NOT NULL DEFAULT 0,        -- how often the runner took it up
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    result_category     TEXT,                                  -- SUCCESS, ALREADY_GONE or a FailureCategory
    graph_code          INT,
    graph_subcode       INT,
    result_message      TEXT,
    requests            INT,
    retry_after_seconds BIGINT,
    trace_id            TEXT,
    created_id          TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX platform_action_due ON platform_action (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX platform_action_case ON platform_action (case_id, created_at);

-- One row per thread: when the last notice went out and what removals wait for the next one (at most one an hour).
CREATE TABLE thread_notice_state (
    thread_key          TEXT PRIMARY KEY,
    platform            TEXT        NOT NULL,
    account_external_id TEXT        NOT NULL,
    post_id             TEXT        NOT NULL,
    last_notice_at      TIMESTAMPTZ,
    pending_reasons     TEXT        NOT NULL DEFAULT '',
    pending_count       INT         NOT NULL DEFAULT 0
);
CREATE INDEX thread_notice_pending ON thread_notice_state (last_notice_at) WHERE pending_count > 0;

-- At most one standard DM reply per sender per local day; the key is a hash, the table holds no sender id.
CREATE TABLE dm_reply_state (
    sender_key    CHAR(64) PRIMARY KEY,
    last_reply_at TIMESTAMPTZ NOT NULL
);

-- A comment its author removed on the platform: kept as a fact, the stored versions are not touched.
CREATE TABLE comment_removal (
    platform   TEXT        NOT NULL,
    comment_id TEXT        NOT NULL,
    removed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (platform, comment_id)
);

-- Whether the saga deletes on the platform as soon as the verified record arrives (a moderator's DELETE, or the policy
-- DELETE_AFTER_ARCHIVE), or keeps the comment hidden and archived for a moderator (HIDE_AND_ARCHIVE).
ALTER TABLE archive_request ADD COLUMN delete_when_archived BOOLEAN NOT NULL DEFAULT TRUE;
