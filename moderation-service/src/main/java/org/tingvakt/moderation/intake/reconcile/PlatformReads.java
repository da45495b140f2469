package org.tingvakt.moderation.intake.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.tingvakt.contracts.Platform;

/**
 * Reads from the platform for the reconciliation, with the account's page token: {@code GET /{objectId}/{edge}?params}.
 * Intake owns this interface; the Graph API connector (a later stage) implements it, so intake never imports it.
 */
public interface PlatformReads {

    Read get(Platform platform, String accountId, String objectId, String edge, Map<String, String> params);

    /**
     * A read's outcome: the body on success; otherwise why not, and for a rate limit when to try again. {@code usagePercent}:
     * the highest share of a rate limit Meta's usage headers reported (0: none).
     */
    record Read(
            Optional<JsonNode> body,
            Optional<String> failure,
            boolean rateLimited,
            Optional<Duration> retryAfter,
            int usagePercent) {

        public static Read ok(JsonNode body, int usagePercent) {
            return new Read(Optional.of(body), Optional.empty(), false, Optional.empty(), usagePercent);
        }

        public static Read failed(String why, boolean rateLimited, Optional<Duration> retryAfter) {
            return new Read(Optional.empty(), Optional.of(why), rateLimited, retryAfter, 0);
        }
    }
}
