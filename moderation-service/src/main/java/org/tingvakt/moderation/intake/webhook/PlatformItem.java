package org.tingvakt.moderation.intake.webhook;

import java.time.Instant;
import java.util.List;
import org.tingvakt.contracts.CommentReceived.ItemKind;
import org.tingvakt.contracts.Platform;

/**
 * One comment, direct message, edit or removal as a webhook reported it, before it is stored.
 *
 * @param verb ADD, EDIT or REMOVE (removed by its author)
 * @param senderProfileUrl a link to the sender's profile, when the platform gives enough to build one
 */
public record PlatformItem(
        Platform platform,
        String accountExternalId,
        Verb verb,
        ItemKind kind,
        String commentId,
        String postId,
        String parentId,
        String senderId,
        String senderName,
        String senderProfileUrl,
        String text,
        String permalink,
        List<String> attachments,
        Instant createdAt) {
    public enum Verb {
        ADD,
        EDIT,
        REMOVE
    }
}
