package org.tingvakt.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A comment (or a new version of an edited comment) arrived from a platform and was stored once.
 *
 * @param commentId the platform's comment id
 * @param version 1 for the first text, +1 for each edit; nothing is overwritten
 * @param accountId the page or account the comment was posted on (the platform's id)
 * @param postId the post the comment belongs to
 * @param parentId the comment it replies to, or null for a top-level comment
 * @param kind what kind of item this is (comment, page reply, direct message, mention)
 * @param attachments URLs of attachments as the webhook gave them (never fetched by the moderation service)
 */
public record CommentReceived(
        String commentId,
        int version,
        Platform platform,
        String accountId,
        String postId,
        String parentId,
        String threadKey,
        ItemKind kind,
        Sender sender,
        String text,
        String permalink,
        List<String> attachments,
        Instant createdAt,
        Instant receivedAt)
        implements Event {

    /** What kind of item arrived. */
    public enum ItemKind {
        COMMENT,
        PAGE_REPLY,
        DIRECT_MESSAGE,
        MENTION
    }
}
