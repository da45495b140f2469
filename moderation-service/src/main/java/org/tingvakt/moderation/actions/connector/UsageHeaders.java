package org.tingvakt.moderation.actions.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads the platform's hint of when a throttled app or page may call again: {@code estimated_time_to_regain_access}
 * (minutes) in the {@code X-Business-Use-Case-Usage}, {@code X-App-Usage} or {@code X-Page-Usage} headers, or a standard
 * {@code Retry-After} in seconds. The longest hint wins.
 */
final class UsageHeaders {

    private static final List<String> USAGE_HEADERS =
            List.of("x-business-use-case-usage", "x-app-usage", "x-page-usage");

    private UsageHeaders() {}

    static Optional<Duration> timeToRegainAccess(HttpHeaders headers, ObjectMapper json) {
        long maxSeconds = -1;
        for (String name : USAGE_HEADERS) {
            for (String value : headers.allValues(name)) {
                try {
                    long minutes = maxRegainMinutes(json.readTree(value));
                    if (minutes > 0) {
                        maxSeconds = Math.max(maxSeconds, minutes * 60);
                    }
                } catch (Exception malformed) {
                    // An unreadable usage header is no hint; the normal backoff applies.
                }
            }
        }
        Optional<String> retryAfter = headers.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                long seconds = Long.parseLong(retryAfter.get().strip());
                if (seconds > 0) {
                    maxSeconds = Math.max(maxSeconds, seconds);
                }
            } catch (NumberFormatException httpDate) {
                // Graph sends seconds; an HTTP-date is ignored rather than guessed at.
            }
        }
        return maxSeconds > 0 ? Optional.of(Duration.ofSeconds(maxSeconds)) : Optional.empty();
    }

    /**
     * The highest share of a rate limit used, in percent, that the usage headers report: {@code call_count},
     * {@code total_cputime} and {@code total_time} of {@code X-App-Usage} and {@code X-Page-Usage}, and of every entry
     * of {@code X-Business-Use-Case-Usage}. 0 without headers; Meta throttles at 100.
     */
    static int usagePercent(HttpHeaders headers, ObjectMapper json) {
        int max = 0;
        for (String name : USAGE_HEADERS) {
            for (String value : headers.allValues(name)) {
                try {
                    max = Math.max(max, maxShare(json.readTree(value)));
                } catch (Exception malformed) {
                    // no figure from an unreadable header
                }
            }
        }
        return max;
    }

    private static int maxShare(JsonNode node) {
        int max = 0;
        if (node == null) {
            return max;
        }
        if (node.isObject()) {
            for (String field : List.of("call_count", "total_cputime", "total_time")) {
                JsonNode v = node.get(field);
                if (v != null && v.isNumber()) {
                    max = Math.max(max, v.asInt());
                }
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                max = Math.max(max, maxShare(child));
            }
        }
        return max;
    }

    /** The largest estimated_time_to_regain_access anywhere in the tree (the BUC header nests it per business object). */
    private static long maxRegainMinutes(JsonNode node) {
        long max = -1;
        if (node == null) {
            return max;
        }
        if (node.isObject()) {
            JsonNode value = node.get("estimated_time_to_regain_access");
            if (value != null && value.canConvertToLong()) {
                max = value.asLong();
            }
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                max = Math.max(max, maxRegainMinutes(child));
            }
        }
        return max;
    }
}
