package org.tingvakt.moderation.actions.connector;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link PlatformConnector#fetchMention}: a {@link PlatformResult} (stored on the action row like every
 * other call's) and, on success only, the content.
 */
public record MentionFetch(PlatformResult result, Optional<MentionedContent> content) {
    public MentionFetch {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(content, "content");
        if (result.isSuccess() != content.isPresent()) {
            throw new IllegalArgumentException("content exactly when the fetch succeeded");
        }
    }

    public static MentionFetch failed(PlatformResult.Failure failure) {
        return new MentionFetch(failure, Optional.empty());
    }
}
