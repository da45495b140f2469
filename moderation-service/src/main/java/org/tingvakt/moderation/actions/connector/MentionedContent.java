package org.tingvakt.moderation.actions.connector;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The text of a mentioning comment or caption as the platform gave it: personal data, never logged.
 *
 * @param username the author's user name, when the platform gave it
 * @param timestamp when it was written, when the platform gave it
 */
public record MentionedContent(String text, Optional<String> username, Optional<Instant> timestamp) {
    public MentionedContent {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
