-- The W3C trace context (traceparent) of the comment a case is about, and of the decision a platform action carries
-- out: a moderator's decision and the platform call run later, in other transactions, yet continue the comment's trace
-- (docs/operations.md, "Traces"). Nullable: the previous release does not name them (rolling upgrades).
ALTER TABLE moderation_case ADD COLUMN traceparent TEXT;
ALTER TABLE platform_action ADD COLUMN traceparent TEXT;
