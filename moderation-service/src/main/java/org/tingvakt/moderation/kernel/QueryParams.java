package org.tingvakt.moderation.kernel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.tingvakt.problem.ProblemException;

/**
 * Parses query parameters to 400 problems. JAX-RS answers 404 to a query parameter it cannot convert, which tells a
 * client nothing; these give the parameter's name and what was expected.
 */
public final class QueryParams {
    private QueryParams() {}

    /** An ISO-8601 instant (2026-05-01T08:00:00Z) or null. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant such as 2026-05-01T08:00:00Z");
        }
    }

    /** A constant of {@code type} (case-insensitive) or null. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** A UUID or null. */
    public static java.util.UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + " must be a UUID");
        }
    }
}
