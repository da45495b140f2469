package org.tingvakt.moderation.triage.cases;

import java.util.Optional;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.moderation.intake.CommentVersion;

/**
 * Something the platform does not let the account do with a case's comment, known from the stored comment alone. The
 * policy queues no platform action the limit forbids (the case waits for a person instead), moderators' decisions that
 * need it answer 422, and the case API shows the code ({@code platformLimit}) so the console can say why.
 */
public enum PlatformLimit {
    /**
     * An Instagram mention: the account is @mentioned in a comment or a caption on another account's media (Meta's
     * {@code mentions} webhook; comments on the account's own media come as {@code comments}). The media and its
     * comments belong to that account, so Tingvakt can neither hide nor delete them (Meta answers PERMISSION); it
     * monitors them, and a person may approve or escalate. Stored as kind MENTION (MetaWebhookParser).
     */
    FOREIGN_MEDIA_MENTION("not ours to hide or delete: a mention in a comment or caption on another account's media; "
            + "only that account can remove it (approve or escalate instead)");

    private final String detail;

    PlatformLimit(String detail) {
        this.detail = detail;
    }

    /** The English detail of the 422 problem (the console shows its own text in the moderator's language). */
    public String detail() {
        return detail;
    }

    /** The limit that applies to this stored comment, if any. */
    public static Optional<PlatformLimit> of(CommentVersion v) {
        return v == null ? Optional.empty() : of(v.kind, v.commentId, v.postId);
    }

    public static Optional<PlatformLimit> of(ItemKind kind, String commentId, String postId) {
        return kind == ItemKind.MENTION ? Optional.of(FOREIGN_MEDIA_MENTION) : Optional.empty();
    }
}
