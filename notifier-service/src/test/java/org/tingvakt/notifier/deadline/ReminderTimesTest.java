package org.tingvakt.notifier.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;

class ReminderTimesTest {

    private final DeadlineCalculator calculator =
            new DeadlineCalculator(WorkdayCalendar.of(Country.SE), OfficeHours.DEFAULT, Country.SE.defaultZone());

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void defaultsAreHalfWayAndTwoHoursBefore() {
        // Tue 13 Jan 2026 15:30 -> Wed 15:30; half-way is Wed 03:30, 2 h before is Wed 13:30.
        Instant received = at("2026-01-13T15:30+01:00");
        ZonedDateTime deadline = calculator.deadline(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, received);

        assertEquals(
                List.of(at("2026-01-14T03:30+01:00"), at("2026-01-14T13:30+01:00")),
                calculator.reminderTimes(received, deadline));
    }

    @Test
    void halfWayIsHalfTheElapsedTimeAcrossAClockChange() {
        // Fri 27 Mar 2026 10:00 +01:00 -> Mon 30 Mar 16:00 +02:00: 09:00 UTC to 14:00 UTC three days later = 77 h.
        // Half-way is 38 h 30 min after 09:00 UTC Friday = Sat 23:30 UTC = Sun 29 Mar 00:30 +01:00 (clocks change
        // at 01:00 UTC). Counting wall-clock hours instead would give a different instant.
        Instant received = at("2026-03-27T10:00+01:00");
        ZonedDateTime deadline = calculator.deadline(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, received);

        assertEquals(
                List.of(at("2026-03-29T00:30+01:00"), at("2026-03-30T14:00+02:00")),
                calculator.reminderTimes(received, deadline));
    }

    @Test
    void remindersAtOrBeforeArrivalAreSkipped() {
        // BUSINESS_HOURS(1) from Mon 15:00 ends at 16:00: 2 h before would be 14:00, before arrival.
        Instant received = at("2026-01-12T15:00+01:00");
        ZonedDateTime deadline = calculator.deadline(new ReplyRule.BusinessHours(1), received);

        assertEquals(List.of(at("2026-01-12T15:30+01:00")), calculator.reminderTimes(received, deadline));
        // Exactly 2 h window: "2 h before" is the arrival instant itself, which is skipped; half-way stays.
        Instant twoHoursBefore = at("2026-01-12T14:00+01:00");
        assertEquals(List.of(at("2026-01-12T15:00+01:00")), calculator.reminderTimes(twoHoursBefore, deadline));
    }

    @Test
    void aDeadlineNotAfterArrivalHasNoReminders() {
        ZonedDateTime deadline = OffsetDateTime.parse("2026-01-12T16:00+01:00").toZonedDateTime();
        assertEquals(List.of(), calculator.reminderTimes(at("2026-01-12T16:00+01:00"), deadline));
        assertEquals(List.of(), calculator.reminderTimes(at("2026-01-12T17:00+01:00"), deadline));
    }

    @Test
    void customSpecsAreSortedAndDeduplicated() {
        Instant received = at("2026-01-12T08:00+01:00");
        ZonedDateTime deadline = OffsetDateTime.parse("2026-01-12T16:00+01:00").toZonedDateTime();
        List<ReminderSpec> specs = List.of(
                ReminderSpec.parse("PT1H"),
                ReminderSpec.parse("75%"),
                ReminderSpec.parse("PT2H"),
                ReminderSpec.parse("50%"));

        // 75 % of 8 h = 14:00 = 2 h before 16:00, so those two coincide.
        assertEquals(
                List.of(at("2026-01-12T12:00+01:00"), at("2026-01-12T14:00+01:00"), at("2026-01-12T15:00+01:00")),
                calculator.reminderTimes(received, deadline, specs));
    }

    @Test
    void reminderSpecParsing() {
        assertEquals(new ReminderSpec.ShareOfWindow(50), ReminderSpec.parse("50%"));
        assertEquals(new ReminderSpec.BeforeDeadline(Duration.ofMinutes(90)), ReminderSpec.parse("pt1h30m"));
        assertEquals("50%", ReminderSpec.parse("50%").code());
        assertEquals("PT2H", ReminderSpec.parse("PT2H").code());
        assertEquals(ReminderSpec.DEFAULTS, List.of(ReminderSpec.parse("50%"), ReminderSpec.parse("PT2H")));
        for (String bad : new String[] {"", "half", "0%", "100%", "x%", "PT0S", "-PT1H", "2h"}) {
            assertThrows(IllegalArgumentException.class, () -> ReminderSpec.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ReminderSpec.parse(null));
    }
}
