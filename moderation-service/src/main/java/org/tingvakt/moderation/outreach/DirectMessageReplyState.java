package org.tingvakt.moderation.outreach;

import java.time.Instant;
import java.util.Objects;

/**
 * What the {@link DirectMessageThrottle} remembers about one sender on one account: a table row.
 *
 * <pre>
 * sender_key     char(64) primary key   -- DirectMessageThrottle.senderKey(platform, accountId, senderId)
 * last_reply_at  timestamptz not null
 * </pre>
 *
 * Rows older than two days decide nothing any more and can be deleted.
 */
public record DirectMessageReplyState(String senderKey, Instant lastReplyAt) {

    public DirectMessageReplyState {
        Objects.requireNonNull(senderKey, "senderKey");
        Objects.requireNonNull(lastReplyAt, "lastReplyAt");
    }
}
