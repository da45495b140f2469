package org.tingvakt.archive.capture;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import org.tingvakt.archive.config.ArchiveConfig;
import org.tingvakt.contracts.ArchiveRequested;
import org.tingvakt.contracts.EventSignature;
import org.tingvakt.contracts.RecordArchived;
import org.tingvakt.eventing.ForgedEventException;

/**
 * The archive's side of the evidence handshake (docs/resilience.md): it records only {@code ArchiveRequested} events that
 * moderation signed ({@code TINGVAKT_MODERATION_VERIFY_KEY}, comma-separated while rotating), so a request written to the
 * topic by anyone else never becomes an (immutable, possibly auto-registered) record; and it signs every
 * {@code RecordArchived} with its own Ed25519 key ({@code TINGVAKT_ARCHIVE_SIGNING_KEY}), which is what moderation
 * requires before it deletes.
 */
@ApplicationScoped
public class EvidenceSignatures {
    private final PrivateKey signingKey;
    private final List<PublicKey> moderationKeys;

    public EvidenceSignatures(ArchiveConfig config) {
        this.signingKey = EventSignature.privateKey(config.signingKey());
        this.moderationKeys = EventSignature.publicKeys(config.moderationVerifyKey());
    }

    public RecordArchived sign(RecordArchived record) {
        return record.signedWith(signingKey);
    }

    public boolean fromModeration(ArchiveRequested request) {
        return EventSignature.verify(EventSignature.signedContent(request), request.signature(), moderationKeys);
    }

    /** Throws {@link ForgedEventException} unless moderation signed exactly this request. */
    public void requireModerationSignature(ArchiveRequested request) {
        if (request.signature() == null || request.signature().isBlank()) {
            throw new ForgedEventException("ArchiveRequested carries no producer signature");
        }
        if (!fromModeration(request)) {
            throw new ForgedEventException("ArchiveRequested's signature does not verify under moderation's key");
        }
    }
}
