package org.tingvakt.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.retry.Backoff;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Artefacts in S3-compatible object storage (MinIO, AWS S3, …) under {@code records/<record id>.<pdf|png|json>}; the
 * {@code artefact} row keeps kind, media type, SHA-256, size and the object's key (content NULL), in the caller's
 * transaction. Every read re-hashes the object and refuses ({@link ArtefactIntegrityException}) bytes that no longer
 * match the recorded SHA-256.
 *
 * <p>Object storage is not transactional, so the two sides are tied to the database transaction's outcome: an object put
 * in a transaction that rolls back is deleted again; an object removed by retention or erasure is deleted only after the
 * transaction that recorded the removal has committed (a rolled-back removal leaves it in place).
 */
public class S3ArtefactStore implements ArtefactStore {
    private static final Logger LOG = Logger.getLogger(S3ArtefactStore.class);
    /** A queued object deletion that failed is tried again after 1 minute, doubling, at most every hour. */
    private static final Backoff DELETION_BACKOFF = Backoff.exponential(Duration.ofMinutes(1), Duration.ofHours(1));

    /** Runs work after the current transaction commits or rolls back (JTA in the service, directly in tests). */
    public interface TransactionHooks {
        void afterCommit(Runnable work);

        void afterRollback(Runnable work);
    }

    private final S3Client s3;
    private final String bucket;
    private final DataSource dataSource;
    private final TransactionHooks hooks;

    public S3ArtefactStore(S3Client s3, String bucket, DataSource dataSource, TransactionHooks hooks) {
        this.s3 = s3;
        this.bucket = bucket;
        this.dataSource = dataSource;
        this.hooks = hooks;
    }

    /** Creates the bucket if it does not exist yet. */
    public S3ArtefactStore ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
        }
        return this;
    }

    static String objectKey(UUID recordId, ArtefactKind kind) {
        return "records/" + recordId + "." + kind.extension();
    }

    @Override
    public void put(UUID recordId, ArtefactKind kind, byte[] content, String sha256) {
        String key = objectKey(recordId, kind);
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType(kind.mediaType()).contentLength((long) content.length),
                RequestBody.fromBytes(content));
        hooks.afterRollback(() -> deleteQuietly(key));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content, object_key) "
                                + "VALUES (?, ?, ?, ?, ?, NULL, ?)")) {
            ps.setObject(1, recordId);
            ps.setString(2, kind.name());
            ps.setString(3, kind.mediaType());
            ps.setString(4, sha256);
            ps.setLong(5, content.length);
            ps.setString(6, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the " + kind + " of record " + recordId, e);
        }
    }

    @Override
    public Optional<byte[]> read(UUID recordId, ArtefactKind kind) {
        Optional<Row> row = row(recordId, kind);
        if (row.isEmpty() || row.get().removedAt() != null) {
            return Optional.empty();
        }
        if (row.get().objectKey() == null) {
            // Stored before the archive moved to S3: the content is still in the row (PostgreSQL store's layout).
            Optional<byte[]> inRow = new PostgresArtefactStore(dataSource).read(recordId, kind);
            if (inRow.isPresent()
                    && !HashChain.sha256(inRow.get()).equals(row.get().sha256())) {
                throw new ArtefactIntegrityException(recordId, kind);
            }
            return inRow;
        }
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(row.get().objectKey()))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ArtefactIntegrityException(recordId, kind); // recorded as stored, but gone from the bucket
        }
        if (!HashChain.sha256(bytes).equals(row.get().sha256())) {
            throw new ArtefactIntegrityException(recordId, kind);
        }
        return Optional.of(bytes);
    }

    @Override
    public Map<UUID, String> currentSha256(List<UUID> recordIds, ArtefactKind kind) {
        Map<UUID, String> keys = new HashMap<>();
        Map<UUID, String> hashes = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT record_id, object_key, content FROM artefact "
                        + "WHERE kind = ? AND record_id = ANY(?) AND removed_at IS NULL")) {
            ps.setString(1, kind.name());
            ps.setArray(2, c.createArrayOf("uuid", recordIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    String key = rs.getString(2);
                    if (key != null) {
                        keys.put(id, key);
                    } else {
                        // Stored before the archive moved to S3: the content is still in the row.
                        byte[] inRow = rs.getBytes(3);
                        if (inRow != null) {
                            hashes.put(id, HashChain.sha256(inRow));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored " + kind + " artefacts", e);
        }
        keys.forEach((id, key) -> hashes.put(id, objectSha256(key)));
        return hashes;
    }

    /** The SHA-256 of an object as it streams from the bucket, or {@link #MISSING} when the bucket no longer has it. */
    private String objectSha256(String key) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return HashChain.sha256(in);
        } catch (NoSuchKeyException e) {
            return MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read object " + key, e);
        }
    }

    @Override
    public Optional<String> recordedSha256(UUID recordId, ArtefactKind kind) {
        return row(recordId, kind).map(Row::sha256);
    }

    @Override
    public boolean removeContent(UUID recordId, ArtefactKind kind, Instant at) {
        Optional<Row> row = row(recordId, kind);
        if (row.isEmpty() || row.get().removedAt() != null) {
            return false;
        }
        // The row first: for a registered record the database trigger refuses, and nothing is deleted.
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE artefact SET removed_at = ? WHERE record_id = ? AND kind = ? AND removed_at IS NULL")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, recordId);
            ps.setString(3, kind.name());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the " + kind + " of record " + recordId, e);
        }
        String key = row.get().objectKey();
        if (key != null) {
            queueDeletion(key, recordId, at);
            hooks.afterCommit(() -> deleteQueued(key, Instant.now()));
        } else {
            new PostgresArtefactStore(dataSource).clearContent(recordId, kind); // a row from before the move to S3
        }
        return true;
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // The object name is a record id, not personal data.
            LOG.warnf(
                    "could not delete object %s from bucket %s: %s",
                    key, bucket, e.getClass().getName());
        }
    }

    /** Records, in the caller's transaction, that the object must go: retried until the object store confirms it. */
    private void queueDeletion(String key, UUID recordId, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO pending_object_deletion (object_key, record_id, queued_at, next_attempt_at) "
                                + "VALUES (?, ?, ?, ?) ON CONFLICT (object_key) DO NOTHING")) {
            ps.setString(1, key);
            ps.setObject(2, recordId);
            ps.setTimestamp(3, Timestamp.from(at));
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue the deletion of object " + key, e);
        }
    }

    /**
     * Deletes a queued object and, once the store confirmed it (an object already gone counts), its queue row. A failure
     * leaves the row with the attempt counted and the next attempt backed off (1 minute doubling, at most 1 hour).
     * Returns whether the object is gone.
     */
    boolean deleteQueued(String key, Instant now) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // The object name is a record id, not personal data.
            LOG.warnf(
                    "could not delete object %s from bucket %s (retried later): %s",
                    key, bucket, e.getClass().getName());
            try (Connection c = dataSource.getConnection();
                    PreparedStatement count = c.prepareStatement(
                            "UPDATE pending_object_deletion SET attempts = attempts + 1, last_error = ? "
                                    + "WHERE object_key = ? RETURNING attempts");
                    PreparedStatement due = c.prepareStatement(
                            "UPDATE pending_object_deletion SET next_attempt_at = ? WHERE object_key = ?")) {
                count.setString(1, e.getClass().getName());
                count.setString(2, key);
                try (ResultSet rs = count.executeQuery()) {
                    if (rs.next()) {
                        due.setTimestamp(1, Timestamp.from(DELETION_BACKOFF.nextAttemptAt(now, rs.getInt(1))));
                        due.setString(2, key);
                        due.executeUpdate();
                    }
                }
            } catch (SQLException sql) {
                LOG.warnf("could not record the failed deletion of object %s: %s", key, sql.getMessage());
            }
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM pending_object_deletion WHERE object_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("object %s deleted; its queue row stays until the next retry: %s", key, e.getMessage());
        }
        return true;
    }

    @Override
    public int retryPendingDeletions(Instant now, int limit) {
        java.util.List<String> due = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT object_key FROM pending_object_deletion WHERE next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the pending object deletions", e);
        }
        int deleted = 0;
        for (String key : due) {
            if (deleteQueued(key, now)) {
                deleted++;
            }
        }
        return deleted;
    }

    private record Row(String sha256, String objectKey, Timestamp removedAt) {}

    private Optional<Row> row(UUID recordId, ArtefactKind kind) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT sha256, object_key, removed_at FROM artefact WHERE record_id = ? AND kind = ?")) {
            ps.setObject(1, recordId);
            ps.setString(2, kind.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the " + kind + " of record " + recordId, e);
        }
    }
}
