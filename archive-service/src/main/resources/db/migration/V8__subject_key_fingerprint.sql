-- The national ID index (V4) is keyed with TINGVAKT_ARCHIVE_SUBJECT_KEY. So that the key can be changed, each record now
-- names the key its index rows were made with: a fingerprint (an HMAC of a fixed label under the key, never the key).
-- NULL: not indexed. A record indexed under another key than the running one is found by the JSON scan and re-indexed
-- by SubjectKeyBackfill, which deletes its old rows first.
ALTER TABLE archive_record ADD COLUMN subject_keys_key TEXT;
-- Records indexed before this column existed: their key is not known here. SubjectKeyBackfill checks a sample of them
-- against the running key and adopts them all when it matches, or has them re-indexed when it does not.
UPDATE archive_record SET subject_keys_key = 'v4' WHERE subject_keys_indexed;
DROP INDEX archive_record_subject_keys_pending;
ALTER TABLE archive_record DROP COLUMN subject_keys_indexed;
CREATE INDEX archive_record_subject_keys_key ON archive_record (subject_keys_key, id);
