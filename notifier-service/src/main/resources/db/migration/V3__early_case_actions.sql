-- A closing action (REPLIED, DELETED, NO_REPLY_NEEDED) that arrived on moderation.actions before the case's
-- CommentClassified on comments.classified (two topics: Kafka keeps no order between them). When the deadline is then
-- opened it is created closed with this action. Cases that never get a deadline (no question) leave rows here; they are
-- purged after tingvakt.notifier.early-actions.keep (default 7 days).
CREATE TABLE early_case_action (
    case_id     TEXT PRIMARY KEY,
    action      TEXT        NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX early_case_action_recorded ON early_case_action (recorded_at);
