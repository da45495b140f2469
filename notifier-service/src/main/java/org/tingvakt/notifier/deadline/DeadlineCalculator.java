package org.tingvakt.notifier.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;

/**
 * Computes first-answer deadlines and reminder times for one account: its workday calendar, office hours and zone.
 *
 * <p>All rules work in the account's zone. "Received + 24 h" is 24 <em>elapsed</em> hours (an {@link Instant}
 * plus 86 400 s), so across a change to summer time the wall clock shows 25:00 later and across the change back
 * 23:00 later; office hours and "the close of the next workday" are wall-clock times of the zone on that date.
 * See {@code docs/deadlines.md}.
 *
 * <p>Immutable and thread-safe; one instance can serve all comments of an account.
 */
public final class DeadlineCalculator {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long TWENTY_FOUR_HOURS_SECONDS = 24 * 3600;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Business hours may run over several closed stretches; a year and a half of days is plenty for 2000 hours. */
    private static final int MAX_DAYS_SCANNED = 3 * 366 + ReplyRule.MAX_BUSINESS_HOURS;

    private final WorkdayCalendar calendar;
    private final OfficeHours hours;
    private final ZoneId zone;
    private final ZoneRules rules;

    public DeadlineCalculator(WorkdayCalendar calendar, OfficeHours hours, ZoneId zone) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.hours = Objects.requireNonNull(hours, "hours");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
    }

    public WorkdayCalendar calendar() {
        return calendar;
    }

    public OfficeHours officeHours() {
        return hours;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The deadline for a comment received at {@code receivedAt} under {@code rule}, in the account's zone. */
    public ZonedDateTime deadline(ReplyRule rule, Instant receivedAt) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (rule instanceof ReplyRule.Within24hOrNextWorkday) {
            return within24hOrNextWorkday(receivedAt);
        } else if (rule instanceof ReplyRule.NextWorkday) {
            return closeOn(calendar.nextWorkdayAfter(localDate(receivedAt)));
        } else {
            return businessHours(((ReplyRule.BusinessHours) rule).hours(), receivedAt);
        }
    }

    /** Reminder times for the {@link ReminderSpec#DEFAULTS}: half-way and 2 hours before the deadline. */
    public List<Instant> reminderTimes(Instant receivedAt, ZonedDateTime deadline) {
        return reminderTimes(receivedAt, deadline, ReminderSpec.DEFAULTS);
    }

    /**
     * The instants at which reminders go out, ascending and without duplicates. A reminder that would fall at or
     * before {@code receivedAt} (a deadline closer than its lead time) is left out. Reminders are not moved into
     * office hours: a half-way point may fall at night or on a weekend.
     */
    public List<Instant> reminderTimes(Instant receivedAt, ZonedDateTime deadline, List<ReminderSpec> specs) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(specs, "specs");
        Instant due = deadline.toInstant();
        List<Instant> times = new ArrayList<>(specs.size());
        if (!due.isAfter(receivedAt)) {
            return List.of();
        }
        for (ReminderSpec spec : specs) {
            Instant t = spec.at(receivedAt, due);
            if (t.isAfter(receivedAt) && t.isBefore(due) && !times.contains(t)) {
                times.add(t);
            }
        }
        times.sort(null);
        return List.copyOf(times);
    }

    private ZonedDateTime within24hOrNextWorkday(Instant receivedAt) {
        LocalDate arrivalDay = localDate(receivedAt);
        Instant plus24h = receivedAt.plusSeconds(TWENTY_FOUR_HOURS_SECONDS);
        if (calendar.isWorkday(arrivalDay) && calendar.isWorkday(localDate(plus24h))) {
            return ZonedDateTime.ofInstant(plus24h, zone);
        }
        return closeOn(calendar.nextWorkdayAfter(arrivalDay));
    }

    private ZonedDateTime businessHours(int n, Instant receivedAt) {
        // Counted in nanoseconds so that an arrival at 10:00:00.5 gives 18:00:00.5; 2000 h fit in a long easily.
        long remaining = n * 3600L * NANOS_PER_SECOND;
        LocalDate day = localDate(receivedAt);
        for (int i = 0; i < MAX_DAYS_SCANNED; i++, day = day.plusDays(1)) {
            if (!calendar.isWorkday(day)) {
                continue;
            }
            long open = epochSecond(day, hours.open());
            long close = epochSecond(day, hours.close());
            long startSecond = open;
            int startNano = 0;
            if (receivedAt.getEpochSecond() >= open) {
                startSecond = receivedAt.getEpochSecond();
                startNano = receivedAt.getNano();
            }
            if (startSecond >= close) {
                continue; // arrived at or after closing time: counting starts at the next opening
            }
            long available = (close - startSecond) * NANOS_PER_SECOND - startNano;
            if (remaining <= available) {
                return ZonedDateTime.ofInstant(Instant.ofEpochSecond(startSecond, startNano + remaining), zone);
            }
            remaining -= available;
        }
        throw new IllegalStateException(
                "No office time within " + MAX_DAYS_SCANNED + " days after " + receivedAt + " in " + calendar);
    }

    private ZonedDateTime closeOn(LocalDate day) {
        return ZonedDateTime.of(day, hours.close(), zone);
    }

    /** The local date of an instant in the account's zone, without building a ZonedDateTime. */
    private LocalDate localDate(Instant instant) {
        long local = instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds();
        return LocalDate.ofEpochDay(Math.floorDiv(local, SECONDS_PER_DAY));
    }

    /**
     * The instant of a wall-clock time on a date in the account's zone; in a gap (spring forward) the time is moved
     * later by the gap's length, in an overlap (fall back) the earlier offset is used, as {@link ZonedDateTime#of} does.
     */
    private long epochSecond(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toEpochSecond();
    }
}
