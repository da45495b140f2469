package org.tingvakt.moderation.intake;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tingvakt.contracts.Platform;

/**
 * The text of a mention as read from the platform, for {@link CommentIngestion#mentionFetched}: personal data, never
 * logged.
 *
 * @param mentionId the id the mention was stored under (as in {@link MentionReceived})
 * @param username the author's user name, when the platform gave it
 * @param timestamp when it was written, when the platform gave it
 */
public record FetchedMention(
        Platform platform,
        String accountExternalId,
        String mentionId,
        String text,
        Optional<String> username,
        Optional<Instant> timestamp) {
    public FetchedMention {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
