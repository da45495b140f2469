-- Objects in S3-compatible storage whose deletion retention or erasure decided: written in the same transaction as the
-- artefact's removal, deleted once the object store confirmed the deletion. A failed deletion stays here and is retried
-- (PendingDeletionJob) until it succeeds, so personal data cannot outlive its removal because the store was down.
CREATE TABLE pending_object_deletion (
    object_key      TEXT PRIMARY KEY,
    record_id       UUID        NOT NULL,
    queued_at       TIMESTAMPTZ NOT NULL,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT
);
CREATE INDEX pending_object_deletion_due ON pending_object_deletion (next_attempt_at);
