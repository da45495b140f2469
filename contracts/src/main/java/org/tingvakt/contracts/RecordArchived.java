package org.tingvakt.contracts;

import java.time.Instant;

/**
 * The archive stored an evidence record for one exact comment version and verified it after storing.
 *
 * @param contentSha256 SHA-256 of the comment's canonical content as stored, recomputed from the stored bytes
 * @param recordSha256 SHA-256 of the stored record (native JSON)
 * @param verified true when the stored bytes were read back and their hashes matched
 * @param purpose the request's purpose, echoed; absent (null) from producers before it was added: removal evidence
 * @param registrationNumber the registration (journal/diary) number when the record was registered at capture; null
 *     when it was not (yet) registered
 * @param signature the archive's Ed25519 signature (Base64) of {@link EventSignature#signedContent(RecordArchived)};
 *     moderation deletes nothing on a record whose signature does not verify under the archive's public key
 */
public record RecordArchived(
        String recordId,
        String requestId,
        String caseId,
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String threadKey,
        String contentSha256,
        String recordSha256,
        boolean verified,
        Instant archivedAt,
        ArchivePurpose purpose,
        String registrationNumber,
        String signature)
        implements Event {

    /** An answer as the archive wrote it before purpose and registration number existed. */
    public RecordArchived(
            String recordId,
            String requestId,
            String caseId,
            String commentId,
            int version,
            Platform platform,
            String accountId,
            String threadKey,
            String contentSha256,
            String recordSha256,
            boolean verified,
            Instant archivedAt) {
        this(
                recordId,
                requestId,
                caseId,
                commentId,
                version,
                platform,
                accountId,
                threadKey,
                contentSha256,
                recordSha256,
                verified,
                archivedAt,
                null,
                null,
                null);
    }

    /** The purpose, {@link ArchivePurpose#REMOVAL_EVIDENCE} for an answer that names none. */
    public ArchivePurpose purposeOrDefault() {
        return purpose == null ? ArchivePurpose.REMOVAL_EVIDENCE : purpose;
    }

    /** This event signed with the archive's private key. */
    public RecordArchived signedWith(java.security.PrivateKey key) {
        return new RecordArchived(
                recordId,
                requestId,
                caseId,
                commentId,
                version,
                platform,
                accountId,
                threadKey,
                contentSha256,
                recordSha256,
                verified,
                archivedAt,
                purpose,
                registrationNumber,
                EventSignature.sign(EventSignature.signedContent(this), key));
    }
}
