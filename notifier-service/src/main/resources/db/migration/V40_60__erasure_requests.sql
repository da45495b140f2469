-- Erasure requests from the archive (privacy.erasure-requests): what this service changed per request, so a repeated
-- request reports the same total. A count only, never the person's ids.
CREATE TABLE erasure_applied (
    request_id  UUID PRIMARY KEY,
    removed     INT         NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL
);
