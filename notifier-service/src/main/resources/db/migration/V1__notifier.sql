-- notifier-service schema: reply deadlines (what is due lives here, not in in-memory timers).

CREATE TABLE reply_deadline (
    id            UUID PRIMARY KEY,
    case_id       TEXT        NOT NULL UNIQUE,
    comment_id    TEXT        NOT NULL,
    platform      TEXT        NOT NULL,
    account_id    TEXT        NOT NULL,
    thread_key    TEXT        NOT NULL,
    intent        TEXT        NOT NULL,
    rule          TEXT        NOT NULL,
    country       TEXT        NOT NULL,
    time_zone     TEXT        NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    state         TEXT        NOT NULL,
    closed_at     TIMESTAMPTZ,
    closed_by     TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reply_deadline_open ON reply_deadline (state, due_at);
CREATE INDEX reply_deadline_account ON reply_deadline (account_id, received_at DESC);
