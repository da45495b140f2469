-- Who is quoted as thread context in a record: the quoted comment's platform id and its author's platform id as the
-- keyed HMAC (SubjectKeys, "platform-id:<id>"), never the id itself. An erasure request by platform id finds the
-- person's comments in other people's records here (by author key, or by the ids of the person's own comments).
CREATE TABLE record_context_item (
    record_id  UUID NOT NULL REFERENCES archive_record (id),
    item_id    TEXT,
    author_key TEXT
);
CREATE INDEX record_context_item_record ON record_context_item (record_id);
CREATE INDEX record_context_item_author ON record_context_item (author_key) WHERE author_key IS NOT NULL;
CREATE INDEX record_context_item_item ON record_context_item (item_id) WHERE item_id IS NOT NULL;

-- A record whose thread context quoted an erased person: its artefacts' content is removed (like a disposal, so the
-- chain verifies over the recorded hashes) and this redacted native JSON (the person's items emptied) takes its place.
CREATE TABLE record_redaction (
    record_id       UUID PRIMARY KEY REFERENCES archive_record (id),
    redacted_json   BYTEA       NOT NULL,
    redacted_sha256 TEXT        NOT NULL,
    redacted_at     TIMESTAMPTZ NOT NULL
);
-- Which erasure request redacted which record's context, and how many items.
CREATE TABLE context_redaction (
    record_id   UUID        NOT NULL REFERENCES archive_record (id),
    request_id  UUID        NOT NULL,
    items       INT         NOT NULL,
    redacted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (record_id, request_id)
);
CREATE INDEX context_redaction_request ON context_redaction (request_id);

-- One erasure request per person: a repeated request (same keyed subject) is the same request.
CREATE INDEX erasure_request_subject ON erasure_request (subject_sha256);

-- Each service's report on an erasure request (counts and reasons, never content); the archive's own is one of them.
CREATE TABLE erasure_service_report (
    request_id  UUID        NOT NULL,
    service     TEXT        NOT NULL,
    removed     INT         NOT NULL,
    kept        TEXT        NOT NULL,
    note        TEXT,
    reported_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, service)
);
