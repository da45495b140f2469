package org.tingvakt.moderation.actions.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code error} object of a Graph API response, and what it means for retrying.
 *
 * <p>Codes after Meta's "Handling Errors" and "Rate Limiting" pages: 1 and 2 are temporary; 4 (app), 17 (user), 32 (page),
 * 613 and 80001–80014 (business use case) are rate limits; 190 and 102 are invalid sessions; 3, 10 and 200–299 are missing
 * permissions; 100 is an invalid parameter, with subcode 33 (or code 803) when the object does not exist.
 */
record GraphError(int code, OptionalInt subcode, String message, boolean transientFlag, Optional<String> traceId) {

    static final int SUBCODE_OBJECT_DOES_NOT_EXIST = 33;

    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 613);
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1, 2);
    private static final Set<Integer> AUTH_CODES = Set.of(102, 190);

    /** What the connector does with an error. */
    enum Kind {
        TRANSIENT,
        RATE_LIMITED,
        NOT_FOUND,
        AUTH,
        PERMISSION,
        INVALID,
        UNKNOWN
    }

    /** Reads {@code {"error": {...}}}; empty when the body has no error object with a numeric code. */
    static Optional<GraphError> from(JsonNode body) {
        if (body == null || !body.path("error").isObject()) {
            return Optional.empty();
        }
        JsonNode error = body.get("error");
        if (!error.path("code").canConvertToInt()) {
            return Optional.empty();
        }
        JsonNode subcode = error.path("error_subcode");
        JsonNode trace = error.path("fbtrace_id");
        return Optional.of(new GraphError(
                error.get("code").asInt(),
                subcode.canConvertToInt() ? OptionalInt.of(subcode.asInt()) : OptionalInt.empty(),
                truncate(error.path("message").asText("")),
                error.path("is_transient").asBoolean(false),
                trace.isTextual() ? Optional.of(trace.asText()) : Optional.empty()));
    }

    Kind kind() {
        if (RATE_LIMIT_CODES.contains(code) || (code >= 80001 && code <= 80014)) {
            return Kind.RATE_LIMITED;
        }
        if (TRANSIENT_CODES.contains(code)) {
            return Kind.TRANSIENT;
        }
        if (AUTH_CODES.contains(code)) {
            return Kind.AUTH;
        }
        if (code == 3 || code == 10 || (code >= 200 && code <= 299)) {
            return Kind.PERMISSION;
        }
        if (objectDoesNotExist()) {
            return Kind.NOT_FOUND;
        }
        if (code == 100) {
            return Kind.INVALID;
        }
        // Meta marks some otherwise unlisted errors as temporary.
        return transientFlag ? Kind.TRANSIENT : Kind.UNKNOWN;
    }

    boolean objectDoesNotExist() {
        return (code == 100 && subcode.isPresent() && subcode.getAsInt() == SUBCODE_OBJECT_DOES_NOT_EXIST)
                || code == 803;
    }

    static String truncate(String message) {
        String oneLine = message.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
