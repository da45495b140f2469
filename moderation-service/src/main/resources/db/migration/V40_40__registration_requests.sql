-- An archive request is either evidence before removal or a registration of a comment that stays on the platform.
ALTER TABLE archive_request
    ADD COLUMN purpose             TEXT NOT NULL DEFAULT 'REMOVAL_EVIDENCE'
        CHECK (purpose IN ('REMOVAL_EVIDENCE', 'REGISTRATION')),
    ADD COLUMN registration_reason TEXT,
    ADD COLUMN registration_number TEXT;

-- At most one registration per comment version, however often the policy or moderators ask for it.
CREATE UNIQUE INDEX archive_request_one_registration ON archive_request (comment_version_id)
    WHERE purpose = 'REGISTRATION';

-- What an account registers by itself, and whether the acknowledgement reply may publish the registration number.
-- No row: complaints, number not published. (Threats are registered when their evidence is archived, by the archive's
-- label rule; an account that wants threats registered while they stay visible adds THREAT.)
CREATE TABLE account_registration_policy (
    account_id       UUID PRIMARY KEY REFERENCES account (id),
    register         TEXT[]  NOT NULL DEFAULT '{COMPLAINT}',
    publish_number   BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
