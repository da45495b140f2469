package org.tingvakt.archive.storage;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the bytes of a record's artefacts live. Metadata (hashes, sizes) always stays in PostgreSQL with the record; the
 * content is in PostgreSQL ({@link PostgresArtefactStore}, the default). Every method joins the caller's transaction.
 */
public interface ArtefactStore {

    /** Stores one artefact of a new record with its SHA-256 (hex) as computed by the caller. */
    void put(UUID recordId, ArtefactKind kind, byte[] content, String sha256);

    /** The stored bytes, read back from the store (not from a cache); empty when removed or never stored. */
    Optional<byte[]> read(UUID recordId, ArtefactKind kind);

    /** The recorded SHA-256 of the artefact, also after its content was removed. */
    Optional<String> recordedSha256(UUID recordId, ArtefactKind kind);

    /** Removes the content (retention, erasure); the recorded hash and size stay. Returns whether content was removed. */
    boolean removeContent(UUID recordId, ArtefactKind kind, Instant at);

    /**
     * Retries the object deletions that failed after a removal had committed (object storage only; the PostgreSQL store
     * removes content in the removing transaction itself). Returns how many objects it deleted.
     */
    default int retryPendingDeletions(Instant now, int limit) {
        return 0;
    }
}
