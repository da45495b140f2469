-- Organisations and their registers (diarium / journal). A municipality owns several pages (accounts); all of them
-- register into the organisation's series, so one number is never handed out twice by two pages of one body.
CREATE TABLE registration_series (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT    NOT NULL,
    unit            TEXT,
    name            TEXT,
    pattern         TEXT    NOT NULL,
    restart_yearly  BOOLEAN NOT NULL DEFAULT TRUE
);

-- One counter row per series and year (year 0 for a series that never restarts). The registering transaction takes the
-- next number with an upsert ... RETURNING, which locks the row until it commits: concurrent registrations of the series
-- wait for each other, a rolled-back registration gives its number back (no gaps), and no number is taken twice.
CREATE TABLE registration_series_counter (
    series_id   TEXT NOT NULL REFERENCES registration_series (id),
    year        INT  NOT NULL,
    last_number INT  NOT NULL,
    PRIMARY KEY (series_id, year)
);

ALTER TABLE account_rule
    ADD COLUMN organisation_id     TEXT,
    ADD COLUMN registration_series TEXT REFERENCES registration_series (id);

ALTER TABLE archive_record ADD COLUMN registration_series TEXT;

-- Within a series a number is unique across all its accounts (the per-account index stays for records without series).
CREATE UNIQUE INDEX archive_record_series_number ON archive_record (registration_series, registration_number)
    WHERE registration_series IS NOT NULL;
