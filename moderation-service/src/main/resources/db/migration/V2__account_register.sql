-- Engineer A (accounts/policy): the full account register — editors, per-label policy, automatic deletion switch,
-- extra closing days, reply signature. Hiding is the reversible default; automatic deletion is off unless switched on.
ALTER TABLE account
    ADD COLUMN editors             JSONB       NOT NULL DEFAULT '[]',
    ADD COLUMN policy              JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN policy_unlisted     TEXT        NOT NULL DEFAULT 'REVIEW',
    ADD COLUMN auto_delete_enabled BOOLEAN     NOT NULL DEFAULT false,
    ADD COLUMN extra_closed_days   TEXT[]      NOT NULL DEFAULT '{}',
    ADD COLUMN signature_style     TEXT        NOT NULL DEFAULT 'FIRST_NAME_AND_UNIT',
    ADD COLUMN signature_unit      TEXT        NOT NULL DEFAULT '',
    ADD COLUMN updated_at          TIMESTAMPTZ NOT NULL DEFAULT now();

-- Cases: what a moderator did and when (response-time statistics), escalation, the note that goes with a decision.
ALTER TABLE moderation_case
    ADD COLUMN decision_note     TEXT,
    ADD COLUMN decided_at        TIMESTAMPTZ,
    ADD COLUMN first_response_at TIMESTAMPTZ,
    ADD COLUMN escalated_at      TIMESTAMPTZ,
    ADD COLUMN escalated_by      TEXT,
    ADD COLUMN platform_error    TEXT;

-- The queue reads newest first, filtered by any of account, state, language, label; inactivity reads the latest per account.
CREATE INDEX moderation_case_received ON moderation_case (received_at DESC, id);
CREATE INDEX moderation_case_account_received ON moderation_case (account_id, received_at DESC);
CREATE INDEX moderation_case_state_received ON moderation_case (state, received_at DESC);
CREATE INDEX moderation_case_labels ON moderation_case USING GIN (labels);
