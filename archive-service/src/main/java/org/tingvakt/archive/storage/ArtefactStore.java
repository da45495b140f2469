package org.tingvakt.archive.storage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * What {@link #currentSha256} reports for an artefact recorded as stored whose content the store no longer has (an
     * object deleted from the bucket behind the archive's back). Never equal to a SHA-256.
     */
    String MISSING = "missing";

    /**
     * The SHA-256 (hex) of each listed record's artefact as it is stored now, re-read from the store and hashed (an object
     * is hashed as it streams, so at most one buffer of it is in memory). Artefacts whose content was removed (retention,
     * erasure) or never stored are left out; one recorded as stored but gone from the store maps to {@link #MISSING}.
     * Unlike {@link #read}, bytes that no longer match are reported, not refused: the caller compares.
     */
    Map<UUID, String> currentSha256(List<UUID> recordIds, ArtefactKind kind);

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
