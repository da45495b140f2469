-- Page replies by arrival, for the reconciliation of a page reply and its question's case committed at the same
-- instant (PageReplyReconciler, docs/ingestion.md); partial, so it costs only on page replies.
CREATE INDEX comment_version_page_reply_received ON comment_version (received_at) WHERE kind = 'PAGE_REPLY';

-- The cases the reconciliation linked to a page reply: each is linked once, whatever happens to it later.
CREATE TABLE page_reply_reconciled (
    case_id          UUID PRIMARY KEY REFERENCES moderation_case (id),
    reply_comment_id TEXT        NOT NULL,
    linked_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
