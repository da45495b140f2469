package org.tingvakt.moderation.actions.connector;

import java.util.Objects;
import org.tingvakt.contracts.Platform;

/**
 * A comment on a platform, with the account whose page token may act on it.
 *
 * @param commentId the platform's id: Facebook {@code <post>_<comment>}, Instagram a numeric IG comment id
 */
public record CommentRef(Platform platform, String accountId, String commentId) implements ReplyTarget {

    public CommentRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(commentId, "commentId");
    }

    @Override
    public String objectId() {
        return commentId;
    }
}
