-- Meta's data-deletion callback (MetaDataDeletions): each callback gets a confirmation code that Meta shows the person,
-- with a public status page. The code names only the erasure request it started; the person is not stored here (the
-- request holds its subject as keyed HMAC only).
CREATE TABLE data_deletion_confirmation (
    code        TEXT PRIMARY KEY,
    request_id  UUID NOT NULL REFERENCES erasure_request (id),
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX data_deletion_confirmation_request ON data_deletion_confirmation (request_id);
