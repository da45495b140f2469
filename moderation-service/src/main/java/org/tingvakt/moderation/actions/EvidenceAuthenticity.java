package org.tingvakt.moderation.actions;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventSignature;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.eventing.ForgedEventException;

/**
 * Only authentic evidence deletes (ARCHITECTURE.md invariant 9): moderation signs its {@code ArchiveRequested} with its
 * own Ed25519 key ({@code TINGVAKT_MODERATION_SIGNING_KEY}) and accepts a {@code RecordArchived} only when the archive's
 * signature verifies under the archive's public key ({@code TINGVAKT_ARCHIVE_VERIFY_KEY}, one or more, comma-separated
 * while a key is being rotated). Whoever can write to the topic and compute a digest still cannot forge the archive's
 * signature.
 */
@ApplicationScoped
public class EvidenceAuthenticity {
    private final PrivateKey signingKey;
    private final List<PublicKey> archiveKeys;

    public EvidenceAuthenticity(
            @ConfigProperty(name = "tingvakt.moderation.signing-key") String signingKey,
            @ConfigProperty(name = "tingvakt.moderation.archive-verify-key") String archiveKeys) {
        this.signingKey = EventSignature.privateKey(signingKey);
        this.archiveKeys = EventSignature.publicKeys(archiveKeys);
    }

    /** The request signed, so the archive can tell it came from moderation. */
    public ArchiveRequested sign(ArchiveRequested request) {
        return request.signedWith(signingKey);
    }

    /** Throws {@link ForgedEventException} unless the archive signed exactly this record. */
    public void requireArchiveSignature(RecordArchived record) {
        if (record.signature() == null || record.signature().isBlank()) {
            throw new ForgedEventException("RecordArchived carries no archive signature");
        }
        if (!EventSignature.verify(EventSignature.signedContent(record), record.signature(), archiveKeys)) {
            throw new ForgedEventException("RecordArchived's signature does not verify under the archive's key");
        }
    }
}
