package org.tingvakt.notifier.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The closed days a whole country shares: jollyday's public holidays plus the days public offices close although
 * the law does not make them holidays. One instance per country for the life of the JVM, because building a jollyday
 * {@link HolidayManager} parses XML through JAXB (~350 ms the first time) and each year's table is reused by every
 * account of that country.
 */
final class CountryCalendar {

    /** Years whose tables are cached; outside them tables are computed on each call (correct, only slower). */
    static final int FIRST_CACHED_YEAR = 1900;

    static final int LAST_CACHED_YEAR = 2299;

    /**
     * Eves that jollyday lists as public holidays for Sweden and Finland. By law they are not holidays
     * (Swedish law only "treats them like Sundays" for leave), but offices are closed: we keep them closed and
     * report them as {@link ClosedDay.Kind#OFFICE_CLOSED}, the same kind as the Danish and Norwegian eves.
     */
    private static final Set<String> EVES_NOT_HOLIDAYS_BY_LAW =
            Set.of("CHRISTMAS_EVE", "MIDSUMMER_EVE", "NEW_YEARS_EVE");

    private static final Map<Country, CountryCalendar> INSTANCES = new EnumMap<>(Country.class);

    private final Country country;
    private final HolidayManager holidays;
    /** Office closures that jollyday does not know, as (month-day, name key). */
    private final Map<MonthDay, String> officeClosures;

    private final AtomicReferenceArray<YearTable> years =
            new AtomicReferenceArray<>(LAST_CACHED_YEAR - FIRST_CACHED_YEAR + 1);

    /** A year's closed days of the country (no weekends, no account extras) and its bit set of all closed days. */
    record YearTable(List<Entry> entries, long[] closedBits) {}

    /** A closed day before it gets a name in some language. */
    record Entry(LocalDate date, String nameKey, ClosedDay.Kind kind) {}

    private CountryCalendar(Country country) {
        this.country = country;
        this.holidays = HolidayManager.getInstance(ManagerParameters.create(country.jollydayCode()));
        this.officeClosures = officeClosures(country);
    }

    static CountryCalendar of(Country country) {
        synchronized (INSTANCES) {
            return INSTANCES.computeIfAbsent(country, CountryCalendar::new);
        }
    }

    private static Map<MonthDay, String> officeClosures(Country country) {
        return switch (country) {
            // Danish public offices close on Constitution Day and the Christmas and New Year eves.
            case DK ->
                Map.of(
                        MonthDay.of(6, 5), "CONSTITUTION_DAY",
                        MonthDay.of(12, 24), "CHRISTMAS_EVE",
                        MonthDay.of(12, 31), "NEW_YEARS_EVE");
            // Norwegian public offices close on the Christmas and New Year eves.
            case NO ->
                Map.of(
                        MonthDay.of(12, 24), "CHRISTMAS_EVE",
                        MonthDay.of(12, 31), "NEW_YEARS_EVE");
            // Sweden's and Finland's eves are in jollyday's calendar already (reclassified below).
            case SE, FI -> Map.of();
        };
    }

    Country country() {
        return country;
    }

    YearTable year(int year) {
        if (year < FIRST_CACHED_YEAR || year > LAST_CACHED_YEAR) {
            return build(year);
        }
        int i = year - FIRST_CACHED_YEAR;
        YearTable table = years.get(i);
        if (table == null) {
            // Two threads may build the same year at once; both results are equal, so the race is harmless.
            table = build(year);
            years.compareAndSet(i, null, table);
        }
        return table;
    }

    private YearTable build(int year) {
        Set<Holiday> publicHolidays;
        // jollyday does not document thread safety; this runs once per country and year.
        synchronized (holidays) {
            publicHolidays = holidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY);
        }
        TreeMap<LocalDate, Entry> byDate = new TreeMap<>();
        for (Holiday h : publicHolidays) {
            ClosedDay.Kind kind = EVES_NOT_HOLIDAYS_BY_LAW.contains(h.getPropertiesKey())
                    ? ClosedDay.Kind.OFFICE_CLOSED
                    : ClosedDay.Kind.PUBLIC_HOLIDAY;
            add(byDate, new Entry(h.getDate(), h.getPropertiesKey(), kind));
        }
        officeClosures.forEach(
                (monthDay, key) -> add(byDate, new Entry(monthDay.atYear(year), key, ClosedDay.Kind.OFFICE_CLOSED)));
        List<Entry> entries = List.copyOf(byDate.values());

        long[] bits = new long[6]; // 384 bits ≥ 366 days
        LocalDate day = LocalDate.of(year, 1, 1);
        int length = day.lengthOfYear();
        for (int i = 0; i < length; i++, day = day.plusDays(1)) {
            if (WorkdayCalendar.isWeekend(day)) {
                set(bits, i);
            }
        }
        for (Entry e : entries) {
            set(bits, e.date().getDayOfYear() - 1);
        }
        return new YearTable(entries, bits);
    }

    /** One entry per date; a public holiday wins over an office closure on the same day. */
    private static void add(Map<LocalDate, Entry> byDate, Entry entry) {
        byDate.merge(entry.date(), entry, (a, b) -> KIND_PRIORITY.compare(a, b) <= 0 ? a : b);
    }

    private static final Comparator<Entry> KIND_PRIORITY = Comparator.comparing(Entry::kind);

    static void set(long[] bits, int dayIndex) {
        bits[dayIndex >>> 6] |= 1L << dayIndex;
    }

    static boolean isSet(long[] bits, int dayIndex) {
        return (bits[dayIndex >>> 6] & (1L << dayIndex)) != 0;
    }
}
