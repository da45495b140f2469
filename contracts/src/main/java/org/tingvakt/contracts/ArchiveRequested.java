package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Moderation asks the archive to keep evidence of one exact comment version before it is deleted.
 *
 * @param requestId idempotency key of the request; the {@link RecordArchived} answer echoes it
 * @param contentSha256 SHA-256 (hex) of the comment's canonical content ({@link EvidenceDigest}); the archive must store
 *     content with this digest, and moderation deletes only when the answer carries the same digest, verified
 * @param accountName the account's (page's) display name as moderation knows it, shown on the evidence record; may be
 *     null (the archive then shows the name from its account rule, or the account id)
 * @param thread the post and neighbouring comments, for context
 * @param intents the classifier's intents ({@link Intent} names); a complaint is an intent, not a label, so
 *     the archive's "register complaints" rule needs them. Absent (null) from producers before they were added.
 * @param purpose removal evidence or registration; absent (null) means {@link ArchivePurpose#REMOVAL_EVIDENCE}
 * @param registration why the record is to be registered at capture; absent (null): the archive's own rules decide
 * @param signature moderation's Ed25519 signature (Base64) of {@link EventSignature#signedContent(ArchiveRequested)}; the
 *     archive records only requests whose signature verifies under moderation's public key
 */
public record ArchiveRequested(
        String requestId,
        String caseId,
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String accountName,
        String postId,
        String threadKey,
        Sender sender,
        String text,
        String permalink,
        List<String> attachments,
        Instant postedAt,
        @KnownValues(Label.class) List<String> labels,
        String reason,
        String requestedBy,
        List<ThreadItem> thread,
        String contentSha256,
        Instant requestedAt,
        @KnownValues(Intent.class) List<String> intents,
        ArchivePurpose purpose,
        RegistrationReason registration,
        String signature)
        implements Event {

    /** A request as producers wrote it before intents and purpose existed: removal evidence, no intents. */
    public ArchiveRequested(
            String requestId,
            String caseId,
            String commentId,
            int version,
            Platform platform,
            String accountId,
            String accountName,
            String postId,
            String threadKey,
            Sender sender,
            String text,
            String permalink,
            List<String> attachments,
            Instant postedAt,
            List<String> labels,
            String reason,
            String requestedBy,
            List<ThreadItem> thread,
            String contentSha256,
            Instant requestedAt) {
        this(
                requestId,
                caseId,
                commentId,
                version,
                platform,
                accountId,
                accountName,
                postId,
                threadKey,
                sender,
                text,
                permalink,
                attachments,
                postedAt,
                labels,
                reason,
                requestedBy,
                thread,
                contentSha256,
                requestedAt,
                null,
                null,
                null,
                null);
    }

    /** This request with purpose, intents and registration reason as given, unsigned (sign it before publishing). */
    public ArchiveRequested with(List<String> intents, ArchivePurpose purpose, RegistrationReason registration) {
        return copy(intents, purpose, registration, null);
    }

    /** This request signed with moderation's private key. */
    public ArchiveRequested signedWith(java.security.PrivateKey key) {
        return copy(intents, purpose, registration, EventSignature.sign(EventSignature.signedContent(this), key));
    }

    /** The one place that copies the comment's fields: this request with the last four components replaced. */
    private ArchiveRequested copy(
            List<String> intents, ArchivePurpose purpose, RegistrationReason registration, String signature) {
        return new ArchiveRequested(
                requestId,
                caseId,
                commentId,
                version,
                platform,
                accountId,
                accountName,
                postId,
                threadKey,
                sender,
                text,
                permalink,
                attachments,
                postedAt,
                labels,
                reason,
                requestedBy,
                thread,
                contentSha256,
                requestedAt,
                intents,
                purpose,
                registration,
                signature);
    }

    /** The purpose, {@link ArchivePurpose#REMOVAL_EVIDENCE} for a request that names none. */
    public ArchivePurpose purposeOrDefault() {
        return purpose == null ? ArchivePurpose.REMOVAL_EVIDENCE : purpose;
    }

    /**
     * One item of the thread context: the account's own post the comment was written under (first, when moderation
     * knows it), the parent comment or a neighbour.
     *
     * @param role a {@link ThreadRole} name
     * @param authorId the author's platform user id, so that an erasure request by platform id finds the person's
     *     comments quoted as context in someone else's record; absent (null) from producers before it was added
     */
    public record ThreadItem(
            @KnownValues(ThreadRole.class) String role,
            String itemId,
            String authorName,
            String text,
            Instant postedAt,
            String authorId) {
        /** An item as producers wrote it before the author's id was added. */
        public ThreadItem(String role, String itemId, String authorName, String text, Instant postedAt) {
            this(role, itemId, authorName, text, postedAt, null);
        }
    }
}
