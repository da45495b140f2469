package org.tingvakt.notifier.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * When a reminder goes out relative to a reply deadline. Text forms: {@code 50%} (that share of the time between
 * arrival and deadline has elapsed) and an ISO-8601 duration such as {@code PT2H} (that long before the deadline).
 */
public sealed interface ReminderSpec permits ReminderSpec.ShareOfWindow, ReminderSpec.BeforeDeadline {

    /** Half-way, and 2 hours before the deadline. */
    List<ReminderSpec> DEFAULTS = List.of(new ShareOfWindow(50), new BeforeDeadline(Duration.ofHours(2)));

    /** The instant of this reminder for a deadline window; it may be at or before {@code receivedAt}. */
    Instant at(Instant receivedAt, Instant deadline);

    /** The text form; {@code parse(spec.code())} gives the spec back. */
    String code();

    /** When {@code percent} % of the elapsed time from arrival to deadline has passed. */
    record ShareOfWindow(int percent) implements ReminderSpec {
        public ShareOfWindow {
            if (percent < 1 || percent > 99) {
                throw new IllegalArgumentException(
                        "A reminder share must be 1% to 99% of the window, got " + percent + "%");
            }
        }

        @Override
        public Instant at(Instant receivedAt, Instant deadline) {
            long windowMillis = Duration.between(receivedAt, deadline).toMillis();
            return receivedAt.plusMillis(windowMillis * percent / 100);
        }

        @Override
        public String code() {
            return percent + "%";
        }
    }

    /** {@code lead} before the deadline. */
    record BeforeDeadline(Duration lead) implements ReminderSpec {
        public BeforeDeadline {
            Objects.requireNonNull(lead, "lead");
            if (lead.isZero() || lead.isNegative()) {
                throw new IllegalArgumentException(
                        "A reminder must come a positive time before the deadline, got " + lead);
            }
        }

        @Override
        public Instant at(Instant receivedAt, Instant deadline) {
            return deadline.minus(lead);
        }

        @Override
        public String code() {
            return lead.toString();
        }
    }

    /**
     * Reads {@code 50%} or {@code PT2H}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static ReminderSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "Reminder is missing: expected a share like 50% or a duration like PT2H");
        }
        String s = text.strip();
        if (s.endsWith("%")) {
            try {
                return new ShareOfWindow(
                        Integer.parseInt(s.substring(0, s.length() - 1).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "Reminder share '" + text + "' is not a whole percentage like 50%", e);
            }
        }
        try {
            return new BeforeDeadline(Duration.parse(s.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Reminder '" + text + "' is neither a share like 50% nor an ISO-8601 duration like PT2H", e);
        }
    }
}
