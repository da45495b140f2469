-- GET /api/records?commentId=… had no index and read the whole table: 494 ms
-- median at 1,000,000 records (SearchBenchmark, "comment id"). Comment ids are nearly unique; a plain btree answers it.
CREATE INDEX archive_record_comment ON archive_record (comment_id);
