-- Erasure requests from the archive (privacy.erasure-requests): what this service removed and kept per request, so a
-- repeated request reports the same totals. Counts and reasons only, never the person's ids or content.
CREATE TABLE erasure_applied (
    request_id  UUID PRIMARY KEY,
    removed     INT         NOT NULL,
    kept        TEXT        NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);
