-- The console's case view lists the other cases of a comment's sender on the same account (GET /api/cases?sameSenderAs=).
CREATE INDEX comment_version_account_sender ON comment_version (account_id, sender_id);
