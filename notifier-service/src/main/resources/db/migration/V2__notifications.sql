-- notifier-service: who is told what, and the durable schedule of reminders and escalations.

-- Channel settings per account. The moderation service owns the account register; the notifier keeps only what it
-- needs to notify (see docs/notifier.md), managed through its own admin API.
CREATE TABLE notification_setting (
    account_id              TEXT PRIMARY KEY,
    language                TEXT        NOT NULL DEFAULT 'en',
    reminders               TEXT        NOT NULL DEFAULT '50%,PT2H',
    owner_escalation_after  TEXT        NOT NULL DEFAULT 'PT4H',
    digest                  BOOLEAN     NOT NULL DEFAULT FALSE,
    last_digest_at          TIMESTAMPTZ,
    teams_webhook_url       TEXT,
    slack_webhook_url       TEXT,
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE notification_recipient (
    id          UUID PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES notification_setting (account_id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('MODERATOR', 'EDITOR', 'OWNER')),
    UNIQUE (account_id, email, role)
);

-- One row per reminder or escalation still to send. The dispatcher claims due rows with FOR UPDATE SKIP LOCKED,
-- sends, and marks them SENT in the same transaction (at-least-once: see docs/notifier.md).
CREATE TABLE notification (
    id           UUID PRIMARY KEY,
    deadline_id  UUID        NOT NULL REFERENCES reply_deadline (id),
    account_id   TEXT        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('REMINDER', 'ESCALATION_EDITORS', 'ESCALATION_OWNER')),
    due_at       TIMESTAMPTZ NOT NULL,
    state        TEXT        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'SENT', 'CANCELLED', 'FAILED')),
    attempts     INT         NOT NULL DEFAULT 0,
    delivered    TEXT        NOT NULL DEFAULT '',
    last_error   TEXT,
    sent_at      TIMESTAMPTZ,
    sent_by      TEXT,
    UNIQUE (deadline_id, kind, due_at)
);
CREATE INDEX notification_due ON notification (due_at) WHERE state = 'PENDING';
CREATE INDEX notification_deadline ON notification (deadline_id);
