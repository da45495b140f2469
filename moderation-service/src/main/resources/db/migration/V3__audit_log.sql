-- Engineer A (audit): every moderator and admin action, append-only and hash-chained (ARCHITECTURE.md invariant 6).
-- seq is assigned by the writer under a transaction-scoped advisory lock, so it has no gaps: a removed row is a gap.
CREATE TABLE audit_entry (
    seq         BIGINT PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target_type TEXT        NOT NULL,
    target_id   TEXT        NOT NULL,
    detail      TEXT        NOT NULL DEFAULT '{}',   -- canonical JSON as hashed (text, so nothing re-formats it)
    prev_hash   CHAR(64)    NOT NULL,
    hash        CHAR(64)    NOT NULL
);
CREATE INDEX audit_entry_target ON audit_entry (target_type, target_id, seq);
CREATE INDEX audit_entry_actor ON audit_entry (actor, seq);
CREATE INDEX audit_entry_at ON audit_entry (at);

-- Append-only for the application: an UPDATE or DELETE fails. The hash chain catches what bypasses this (a superuser
-- disabling the trigger, a restore of an edited dump).
CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
