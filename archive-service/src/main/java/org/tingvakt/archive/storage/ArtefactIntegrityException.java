package org.tingvakt.archive.storage;

import java.util.UUID;

/** A stored artefact whose bytes no longer match the SHA-256 recorded when it was stored. Names no content. */
public class ArtefactIntegrityException extends IllegalStateException {
    public ArtefactIntegrityException(UUID recordId, ArtefactKind kind) {
        super("the stored " + kind + " of record " + recordId + " does not match its recorded SHA-256");
    }
}
