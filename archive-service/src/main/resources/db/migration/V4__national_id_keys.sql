-- Erasure by national ID number without reading any record: at capture the archive stores, for every national ID number
-- the classifier's checked detectors find in the comment and its thread, an HMAC-SHA256 of the number (key from the
-- environment, never the number itself). An erasure request computes the same HMAC and looks it up here.
CREATE TABLE record_subject_key (
    key_hmac  TEXT NOT NULL,
    record_id UUID NOT NULL REFERENCES archive_record (id),
    PRIMARY KEY (key_hmac, record_id)
);
CREATE INDEX record_subject_key_record ON record_subject_key (record_id);

-- Records captured before this index existed (false) are still found by scanning their JSON; new ones are indexed.
ALTER TABLE archive_record ADD COLUMN subject_keys_indexed BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX archive_record_subject_keys_pending ON archive_record (id) WHERE NOT subject_keys_indexed;
