package org.tingvakt.moderation.actions.connector;

import java.util.Objects;
import org.tingvakt.contracts.Platform;

/**
 * A post (Facebook page post, Instagram media) on a platform, with the account whose page token may act on it.
 *
 * @param postId the platform's id: Facebook {@code <page>_<post>}, Instagram an IG media id
 */
public record PostRef(Platform platform, String accountId, String postId) implements ReplyTarget {

    public PostRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(postId, "postId");
    }

    @Override
    public String objectId() {
        return postId;
    }
}
