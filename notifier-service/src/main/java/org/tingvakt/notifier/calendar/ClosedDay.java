package org.tingvakt.notifier.calendar;

import java.time.LocalDate;
import java.util.Objects;

/** A day on which an account's office is closed, with the reason as a name people can read. */
public record ClosedDay(LocalDate date, String name, Kind kind) {

    /** Why a day is closed. */
    public enum Kind {
        /** A public holiday by law (as jollyday's country calendar lists it). */
        PUBLIC_HOLIDAY,
        /** A day public offices close though the law does not make it a holiday (Danish 5 June, the eves). */
        OFFICE_CLOSED,
        /** Saturday or Sunday; {@link WorkdayCalendar#closedDays(int)} does not list these. */
        WEEKEND,
        /** A closing day the account configured itself. */
        EXTRA
    }

    public ClosedDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
