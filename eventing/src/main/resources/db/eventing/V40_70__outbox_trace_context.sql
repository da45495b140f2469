-- The W3C trace context (traceparent) of the transaction that wrote the event: the relay sends it in the record's
-- headers, so the consumer's span continues the same trace. Nullable: rows written without tracing have none, and the
-- previous release (which does not name the column) keeps inserting during a rolling upgrade.
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT;
