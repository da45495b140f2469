package org.tingvakt.moderation.actions.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a Graph read came to: the result, the body on success, and the highest share (percent) of a rate limit that
 * Meta's usage headers reported with it (0 when none did).
 */
public record GraphRead(PlatformResult result, Optional<JsonNode> body, int usagePercent) {

    static GraphRead failed(PlatformResult.Failure failure) {
        return new GraphRead(failure, Optional.empty(), 0);
    }
}
