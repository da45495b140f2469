-- archive-service V2: artefacts (PDF/A, PNG, native JSON) with their hashes, registration, full-text search, retention,
-- legal holds, erasure, and the hash-chained audit log of archivists' actions.

-- Artefacts of a record. content is NULL once removed by retention or erasure; the hash stays (it is in the chain).
CREATE TABLE artefact (
    record_id   UUID        NOT NULL REFERENCES archive_record (id),
    kind        TEXT        NOT NULL CHECK (kind IN ('PDF', 'PNG', 'JSON')),
    media_type  TEXT        NOT NULL,
    sha256      TEXT        NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    content     BYTEA,
    removed_at  TIMESTAMPTZ,
    PRIMARY KEY (record_id, kind)
);
INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content)
    SELECT id, 'JSON', 'application/json', record_sha256, length(native_json), native_json FROM archive_record;
ALTER TABLE archive_record DROP COLUMN native_json;

-- Per account: what the record shows (name, language, zone), retention and the registration number pattern.
CREATE TABLE account_rule (
    account_id           TEXT PRIMARY KEY,
    account_name         TEXT,
    language             TEXT    NOT NULL DEFAULT 'da',
    zone                 TEXT    NOT NULL DEFAULT 'Europe/Copenhagen',
    retention_months     INT     NOT NULL DEFAULT 18 CHECK (retention_months > 0),
    registration_pattern TEXT
);

ALTER TABLE archive_record
    ADD COLUMN pdf_sha256            TEXT,
    ADD COLUMN png_sha256            TEXT,
    ADD COLUMN search_text           TEXT,
    ADD COLUMN registration_state    TEXT NOT NULL DEFAULT 'PENDING'
        CHECK (registration_state IN ('PENDING', 'REGISTERED', 'NOT_REQUIRED')),
    ADD COLUMN registration_number   TEXT,
    ADD COLUMN registration_reason   TEXT,
    ADD COLUMN assessed_by           TEXT,
    ADD COLUMN assessed_at           TIMESTAMPTZ,
    ADD COLUMN legal_hold            BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN legal_hold_reason     TEXT,
    ADD COLUMN personal_data_removed_at TIMESTAMPTZ,
    ADD COLUMN removal_rule          TEXT,
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('danish', coalesce(search_text, '')) ||
        to_tsvector('swedish', coalesce(search_text, '')) ||
        to_tsvector('norwegian', coalesce(search_text, '')) ||
        to_tsvector('english', coalesce(search_text, '')) ||
        to_tsvector('simple', coalesce(sender_name, ''))) STORED;
-- Numbers are unique per account (each public body keeps its own register).
CREATE UNIQUE INDEX archive_record_registration_number ON archive_record (account_id, registration_number);
CREATE INDEX archive_record_search ON archive_record USING gin (search_vector);
CREATE INDEX archive_record_labels ON archive_record USING gin (labels);
CREATE INDEX archive_record_sender ON archive_record (sender_id);
CREATE INDEX archive_record_captured ON archive_record (captured_at DESC);
CREATE INDEX archive_record_registration ON archive_record (registration_state, captured_at DESC);
CREATE INDEX archive_record_retention ON archive_record (captured_at)
    WHERE personal_data_removed_at IS NULL AND registration_state <> 'REGISTERED' AND NOT legal_hold;

-- Registration numbers per account and year, gapless: one counter row, incremented in the registering transaction.
CREATE TABLE registration_counter (
    account_id  TEXT NOT NULL,
    year        INT  NOT NULL,
    last_number INT  NOT NULL,
    PRIMARY KEY (account_id, year)
);

-- A registered record is immutable: its evidence, hashes and registration cannot change and it cannot be deleted.
CREATE FUNCTION archive_record_registered_is_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.registration_state = 'REGISTERED' THEN
            RAISE EXCEPTION 'record % is registered and cannot be deleted', OLD.id;
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.registration_state = 'REGISTERED' AND (
            NEW.registration_state IS DISTINCT FROM OLD.registration_state
            OR NEW.registration_number IS DISTINCT FROM OLD.registration_number
            OR NEW.record_sha256 IS DISTINCT FROM OLD.record_sha256
            OR NEW.content_sha256 IS DISTINCT FROM OLD.content_sha256
            OR NEW.chain_hash IS DISTINCT FROM OLD.chain_hash
            OR NEW.search_text IS DISTINCT FROM OLD.search_text
            OR NEW.sender_id IS DISTINCT FROM OLD.sender_id
            OR NEW.sender_name IS DISTINCT FROM OLD.sender_name
            OR NEW.personal_data_removed_at IS DISTINCT FROM OLD.personal_data_removed_at) THEN
        RAISE EXCEPTION 'record % is registered and immutable', OLD.id;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER archive_record_immutable BEFORE UPDATE OR DELETE ON archive_record
    FOR EACH ROW EXECUTE FUNCTION archive_record_registered_is_immutable();

CREATE FUNCTION artefact_of_registered_is_immutable() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM archive_record r WHERE r.id = OLD.record_id AND r.registration_state = 'REGISTERED') THEN
        RAISE EXCEPTION 'artefacts of registered record % are immutable', OLD.record_id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER artefact_immutable BEFORE UPDATE OR DELETE ON artefact
    FOR EACH ROW EXECUTE FUNCTION artefact_of_registered_is_immutable();

-- Every disposal (retention or erasure): what was removed, when, under which rule. Never the content.
CREATE TABLE disposal_log (
    id          BIGSERIAL PRIMARY KEY,
    record_id   UUID        NOT NULL,
    account_id  TEXT        NOT NULL,
    disposed_at TIMESTAMPTZ NOT NULL,
    rule        TEXT        NOT NULL,
    removed     TEXT        NOT NULL
);

-- Erasure requests and their reports (the subject is kept only as a SHA-256, never in clear).
CREATE TABLE erasure_request (
    id              UUID PRIMARY KEY,
    subject_kind    TEXT        NOT NULL,
    subject_sha256  TEXT        NOT NULL,
    requested_by    TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    report          TEXT        NOT NULL
);

-- Append-only audit log of archivists' actions, hash-chained (ARCHITECTURE invariant 6).
CREATE TABLE audit_entry (
    seq           BIGINT PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL,
    actor         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    record_id     UUID,
    detail        TEXT        NOT NULL,
    entry_sha256  TEXT        NOT NULL,
    previous_hash TEXT        NOT NULL,
    chain_hash    TEXT        NOT NULL
);
CREATE INDEX audit_entry_record ON audit_entry (record_id, seq);
CREATE TABLE audit_head (
    id        INT PRIMARY KEY CHECK (id = 1),
    seq       BIGINT NOT NULL,
    last_hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, repeat('0', 64));
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE INDEX archive_record_sender_name ON archive_record (lower(sender_name));
