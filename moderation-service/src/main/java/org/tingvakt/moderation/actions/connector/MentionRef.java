package org.tingvakt.moderation.actions.connector;

import java.util.Objects;
import org.tingvakt.contracts.Platform;

/**
 * Something that mentions an Instagram professional account: a comment ({@code media = false}, {@code objectId} = the
 * comment id) or a media's caption ({@code media = true}, {@code objectId} = the media id). Meta's mentions webhook
 * carries only these ids; the text is read with {@link PlatformConnector#fetchMention}.
 *
 * @param accountId the mentioned account's Instagram user id (the Graph node the mention is read through)
 */
public record MentionRef(Platform platform, String accountId, String objectId, boolean media) {
    public MentionRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(objectId, "objectId");
    }
}
