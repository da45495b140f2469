package org.tingvakt.notifier.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Tells which days an account's office works: Monday to Friday, except the country's public holidays, the days
 * public offices there close anyway, and the account's own extra closing days.
 *
 * <p>Immutable and thread-safe. {@link #isWorkday(LocalDate)} is a bit lookup in a per-year table that is built once
 * (per country, and per account only when it has extra closing days), so it is cheap enough for the deadline hot path.
 */
public final class WorkdayCalendar {

    /** How far {@link #nextWorkdayAfter(LocalDate)} searches before it decides the calendar has no workdays. */
    private static final int MAX_CLOSED_RUN_DAYS = 3 * 366;

    private final CountryCalendar country;
    private final Set<LocalDate> extraClosedDays;
    /** Per-year closed-day bits with the extras; null when there are no extras (the country's tables serve). */
    private final AtomicReferenceArray<long[]> withExtras;

    private WorkdayCalendar(CountryCalendar country, Set<LocalDate> extraClosedDays) {
        this.country = country;
        this.extraClosedDays = extraClosedDays;
        this.withExtras = extraClosedDays.isEmpty()
                ? null
                : new AtomicReferenceArray<>(CountryCalendar.LAST_CACHED_YEAR - CountryCalendar.FIRST_CACHED_YEAR + 1);
    }

    /**
     * The calendar of an account in {@code country} with its own extra closing days (may be empty, not null).
     * Cheap after the first call for a country: the jollyday holiday manager and the year tables are shared.
     */
    public static WorkdayCalendar of(Country country, Set<LocalDate> extraClosedDays) {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(extraClosedDays, "extraClosedDays");
        return new WorkdayCalendar(CountryCalendar.of(country), Set.copyOf(extraClosedDays));
    }

    /** The calendar of {@code country} without extra closing days. */
    public static WorkdayCalendar of(Country country) {
        return of(country, Set.of());
    }

    public Country country() {
        return country.country();
    }

    public Set<LocalDate> extraClosedDays() {
        return extraClosedDays;
    }

    /** True when the office works on {@code date}: a weekday that is not a holiday or a closing day. */
    public boolean isWorkday(LocalDate date) {
        return !CountryCalendar.isSet(closedBits(date.getYear()), date.getDayOfYear() - 1);
    }

    /**
     * The first workday strictly after {@code date}.
     *
     * @throws IllegalStateException if there is none within three years (an account that closed everything)
     */
    public LocalDate nextWorkdayAfter(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i < MAX_CLOSED_RUN_DAYS; i++) {
            day = day.plusDays(1);
            if (isWorkday(day)) {
                return day;
            }
        }
        throw new IllegalStateException("No workday within " + MAX_CLOSED_RUN_DAYS + " days after " + date
                + " in the calendar of " + country() + " with " + extraClosedDays.size() + " extra closing days");
    }

    /** Why {@code date} is closed, in the country's language; empty on a workday. Weekends have kind WEEKEND. */
    public Optional<ClosedDay> closure(LocalDate date) {
        return closure(date, country().language());
    }

    /** Why {@code date} is closed, named in {@code locale}; empty on a workday. */
    public Optional<ClosedDay> closure(LocalDate date, Locale locale) {
        if (isWorkday(date)) {
            return Optional.empty();
        }
        for (CountryCalendar.Entry e : country.year(date.getYear()).entries()) {
            if (e.date().equals(date)) {
                return Optional.of(named(e, locale));
            }
        }
        if (extraClosedDays.contains(date)) {
            return Optional.of(new ClosedDay(
                    date, ClosedDayNames.name(ClosedDayNames.EXTRA_KEY, date, locale), ClosedDay.Kind.EXTRA));
        }
        return Optional.of(new ClosedDay(date, ClosedDayNames.weekendName(date, locale), ClosedDay.Kind.WEEKEND));
    }

    /**
     * The closed days of {@code year} in date order, named in the country's language: public holidays (also those
     * on a weekend), office closures and the account's extra closing days. Plain weekends are not listed. A date
     * appears once; a public holiday wins over an office closure, and both win over an extra closing day.
     */
    public List<ClosedDay> closedDays(int year) {
        return closedDays(year, country().language());
    }

    /** As {@link #closedDays(int)}, with names in {@code locale} (English where no translation exists). */
    public List<ClosedDay> closedDays(int year, Locale locale) {
        List<CountryCalendar.Entry> entries = country.year(year).entries();
        List<ClosedDay> days = new ArrayList<>(entries.size() + extraClosedDays.size());
        for (CountryCalendar.Entry e : entries) {
            days.add(named(e, locale));
        }
        for (LocalDate extra : extraClosedDays) {
            if (extra.getYear() == year
                    && entries.stream().noneMatch(e -> e.date().equals(extra))) {
                days.add(new ClosedDay(
                        extra, ClosedDayNames.name(ClosedDayNames.EXTRA_KEY, extra, locale), ClosedDay.Kind.EXTRA));
            }
        }
        days.sort(Comparator.comparing(ClosedDay::date));
        return List.copyOf(days);
    }

    private static ClosedDay named(CountryCalendar.Entry e, Locale locale) {
        return new ClosedDay(e.date(), ClosedDayNames.name(e.nameKey(), e.date(), locale), e.kind());
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private long[] closedBits(int year) {
        long[] base = country.year(year).closedBits();
        if (withExtras == null) {
            return base;
        }
        if (year < CountryCalendar.FIRST_CACHED_YEAR || year > CountryCalendar.LAST_CACHED_YEAR) {
            return addExtras(base, year);
        }
        int i = year - CountryCalendar.FIRST_CACHED_YEAR;
        long[] bits = withExtras.get(i);
        if (bits == null) {
            bits = addExtras(base, year);
            withExtras.compareAndSet(i, null, bits);
        }
        return bits;
    }

    private long[] addExtras(long[] base, int year) {
        long[] bits = base.clone();
        for (LocalDate d : extraClosedDays) {
            if (d.getYear() == year) {
                CountryCalendar.set(bits, d.getDayOfYear() - 1);
            }
        }
        return bits;
    }

    @Override
    public String toString() {
        return "WorkdayCalendar[" + country() + ", " + extraClosedDays.size() + " extra closing days]";
    }
}
