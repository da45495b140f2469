-- archive-service schema: evidence records, kept before a comment is deleted, with their hashes and the hash chain.

CREATE TABLE archive_record (
    id                  UUID PRIMARY KEY,
    request_id          TEXT        NOT NULL UNIQUE,
    case_id             TEXT        NOT NULL,
    comment_id          TEXT        NOT NULL,
    comment_version     INT         NOT NULL,
    platform            TEXT        NOT NULL,
    account_id          TEXT        NOT NULL,
    thread_key          TEXT        NOT NULL,
    sender_id           TEXT,
    sender_name         TEXT,
    labels              TEXT[]      NOT NULL DEFAULT '{}',
    reason              TEXT,
    native_json         BYTEA       NOT NULL,
    content_sha256      TEXT        NOT NULL,
    record_sha256       TEXT        NOT NULL,
    chain_seq           BIGINT      NOT NULL UNIQUE,
    previous_chain_hash TEXT        NOT NULL,
    chain_hash          TEXT        NOT NULL,
    posted_at           TIMESTAMPTZ,
    captured_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX archive_record_account ON archive_record (account_id, captured_at DESC);

-- The head of the hash chain: one row, locked by each append so the chain has no forks.
CREATE TABLE chain_head (
    id        INT PRIMARY KEY CHECK (id = 1),
    seq       BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);
INSERT INTO chain_head (id, seq, last_hash) VALUES (1, 0, repeat('0', 64));
