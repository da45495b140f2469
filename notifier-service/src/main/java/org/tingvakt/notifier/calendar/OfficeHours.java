package org.tingvakt.notifier.calendar;

import java.time.LocalTime;
import java.util.Objects;

/**
 * The daily opening hours of an account's office on workdays, as local wall-clock times in the account's zone.
 * The interval is half-open: a comment at {@code open} is inside office hours, one at {@code close} is not.
 */
public record OfficeHours(LocalTime open, LocalTime close) {

    /** 08:00–16:00, the default in the architecture. */
    public static final OfficeHours DEFAULT = new OfficeHours(LocalTime.of(8, 0), LocalTime.of(16, 0));

    public OfficeHours {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException(
                    "Office hours must open before they close on the same day, got " + open + "–" + close);
        }
    }

    /** Reads {@code "08:00"} and {@code "16:00"}; bad input gives an {@link IllegalArgumentException}. */
    public static OfficeHours of(String open, String close) {
        return new OfficeHours(parseTime("open", open), parseTime("close", close));
    }

    private static LocalTime parseTime(String what, String text) {
        try {
            return LocalTime.parse(Objects.requireNonNull(text, what).trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Office hours " + what + " time '" + text + "' is not a time like 08:00", e);
        }
    }
}
