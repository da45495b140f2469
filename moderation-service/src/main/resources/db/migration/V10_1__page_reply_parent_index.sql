-- The page's own replies by the comment they answer: a case opened after the page already answered on the platform
-- (the reply's webhook came first) is linked to that answer at once (ClassificationPipeline, docs/ingestion.md).
CREATE INDEX comment_version_page_reply ON comment_version (platform, parent_id) WHERE kind = 'PAGE_REPLY';
