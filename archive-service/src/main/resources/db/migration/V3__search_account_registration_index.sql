-- The registration task list of one account ("PENDING records of account X, newest first") without reading every record
-- of the account: at 1M records the (account_id, captured_at) index alone took 235-355 ms when few of them matched.
CREATE INDEX archive_record_account_registration ON archive_record (account_id, registration_state, captured_at DESC);
