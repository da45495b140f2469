-- Artefacts kept in S3-compatible object storage (tingvakt.archive.storage.kind=s3): the row keeps hash, size and the
-- object's key, content stays NULL; removed_at still marks removal. Rows of the PostgreSQL store leave object_key NULL.
ALTER TABLE artefact ADD COLUMN object_key TEXT;
