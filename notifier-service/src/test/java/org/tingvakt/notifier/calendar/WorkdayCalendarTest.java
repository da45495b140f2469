package org.tingvakt.notifier.calendar;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tingvakt.notifier.calendar.ClosedDay.Kind.EXTRA;
import static org.tingvakt.notifier.calendar.ClosedDay.Kind.OFFICE_CLOSED;
import static org.tingvakt.notifier.calendar.ClosedDay.Kind.PUBLIC_HOLIDAY;
import static org.tingvakt.notifier.calendar.ClosedDay.Kind.WEEKEND;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Closed days of the real 2026 calendars, written out by hand from the countries' holiday lists. */
class WorkdayCalendarTest {

    @Test
    void denmark2026ListsHolidaysAndOfficeClosuresButNoStoreBededag() {
        List<ClosedDay> days = WorkdayCalendar.of(Country.DK).closedDays(2026);

        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("2026-01-01", "PUBLIC_HOLIDAY Nytårsdag"),
                Map.entry("2026-04-02", "PUBLIC_HOLIDAY Skærtorsdag"),
                Map.entry("2026-04-03", "PUBLIC_HOLIDAY Langfredag"),
                Map.entry("2026-04-05", "PUBLIC_HOLIDAY Påskedag"),
                Map.entry("2026-04-06", "PUBLIC_HOLIDAY 2. påskedag"),
                Map.entry("2026-05-14", "PUBLIC_HOLIDAY Kristi himmelfartsdag"),
                Map.entry("2026-05-24", "PUBLIC_HOLIDAY Pinsedag"),
                Map.entry("2026-05-25", "PUBLIC_HOLIDAY 2. pinsedag"),
                Map.entry("2026-06-05", "OFFICE_CLOSED Grundlovsdag"),
                Map.entry("2026-12-24", "OFFICE_CLOSED Juleaftensdag"),
                Map.entry("2026-12-25", "PUBLIC_HOLIDAY Juledag"),
                Map.entry("2026-12-26", "PUBLIC_HOLIDAY 2. juledag"),
                Map.entry("2026-12-31", "OFFICE_CLOSED Nytårsaftensdag")));
        assertEquals(expected, asMap(days));
        // Store bededag would have been Friday 1 May 2026 (Easter + 26 days); abolished from 2024.
        assertTrue(WorkdayCalendar.of(Country.DK).isWorkday(LocalDate.of(2026, 5, 1)));
        // ... but 2023 still had it, on Friday 5 May.
        assertFalse(WorkdayCalendar.of(Country.DK).isWorkday(LocalDate.of(2023, 5, 5)));
    }

    @Test
    void sweden2026HasTheEvesFromJollydayAsOfficeClosuresWithSwedishNames() {
        List<ClosedDay> days = WorkdayCalendar.of(Country.SE).closedDays(2026);

        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("2026-01-01", "PUBLIC_HOLIDAY Nyårsdagen"),
                Map.entry("2026-01-06", "PUBLIC_HOLIDAY Trettondedag jul"),
                Map.entry("2026-04-03", "PUBLIC_HOLIDAY Långfredag"),
                Map.entry("2026-04-05", "PUBLIC_HOLIDAY Påskdagen"),
                Map.entry("2026-04-06", "PUBLIC_HOLIDAY Annandag påsk"),
                Map.entry("2026-05-01", "PUBLIC_HOLIDAY Första maj"),
                Map.entry("2026-05-14", "PUBLIC_HOLIDAY Kristi himmelfärdsdag"),
                Map.entry("2026-05-24", "PUBLIC_HOLIDAY Pingstdagen"),
                Map.entry("2026-06-06", "PUBLIC_HOLIDAY Sveriges nationaldag"),
                Map.entry("2026-06-19", "OFFICE_CLOSED Midsommarafton"),
                Map.entry("2026-06-20", "PUBLIC_HOLIDAY Midsommardagen"),
                Map.entry("2026-10-31", "PUBLIC_HOLIDAY Alla helgons dag"),
                Map.entry("2026-12-24", "OFFICE_CLOSED Julafton"),
                Map.entry("2026-12-25", "PUBLIC_HOLIDAY Juldagen"),
                Map.entry("2026-12-26", "PUBLIC_HOLIDAY Annandag jul"),
                Map.entry("2026-12-31", "OFFICE_CLOSED Nyårsafton")));
        assertEquals(expected, asMap(days));
    }

    @Test
    void norway2026() {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("2026-01-01", "PUBLIC_HOLIDAY Første nyttårsdag"),
                Map.entry("2026-04-02", "PUBLIC_HOLIDAY Skjærtorsdag"),
                Map.entry("2026-04-03", "PUBLIC_HOLIDAY Langfredag"),
                Map.entry("2026-04-05", "PUBLIC_HOLIDAY Første påskedag"),
                Map.entry("2026-04-06", "PUBLIC_HOLIDAY Andre påskedag"),
                Map.entry("2026-05-01", "PUBLIC_HOLIDAY Offentlig høytidsdag (1. mai)"),
                Map.entry("2026-05-14", "PUBLIC_HOLIDAY Kristi himmelfartsdag"),
                Map.entry("2026-05-17", "PUBLIC_HOLIDAY Grunnlovsdag (17. mai)"),
                Map.entry("2026-05-24", "PUBLIC_HOLIDAY Første pinsedag"),
                Map.entry("2026-05-25", "PUBLIC_HOLIDAY Andre pinsedag"),
                Map.entry("2026-12-24", "OFFICE_CLOSED Julaften"),
                Map.entry("2026-12-25", "PUBLIC_HOLIDAY Første juledag"),
                Map.entry("2026-12-26", "PUBLIC_HOLIDAY Andre juledag"),
                Map.entry("2026-12-31", "OFFICE_CLOSED Nyttårsaften")));
        assertEquals(expected, asMap(WorkdayCalendar.of(Country.NO).closedDays(2026)));
    }

    @Test
    void finland2026() {
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("2026-01-01", "PUBLIC_HOLIDAY Uudenvuodenpäivä"),
                Map.entry("2026-01-06", "PUBLIC_HOLIDAY Loppiainen"),
                Map.entry("2026-04-03", "PUBLIC_HOLIDAY Pitkäperjantai"),
                Map.entry("2026-04-05", "PUBLIC_HOLIDAY Pääsiäispäivä"),
                Map.entry("2026-04-06", "PUBLIC_HOLIDAY 2. pääsiäispäivä"),
                Map.entry("2026-05-01", "PUBLIC_HOLIDAY Vappu"),
                Map.entry("2026-05-14", "PUBLIC_HOLIDAY Helatorstai"),
                Map.entry("2026-05-24", "PUBLIC_HOLIDAY Helluntaipäivä"),
                Map.entry("2026-06-19", "OFFICE_CLOSED Juhannusaatto"),
                Map.entry("2026-06-20", "PUBLIC_HOLIDAY Juhannuspäivä"),
                Map.entry("2026-10-31", "PUBLIC_HOLIDAY Pyhäinpäivä"),
                Map.entry("2026-12-06", "PUBLIC_HOLIDAY Itsenäisyyspäivä"),
                Map.entry("2026-12-24", "OFFICE_CLOSED Jouluaatto"),
                Map.entry("2026-12-25", "PUBLIC_HOLIDAY Joulupäivä"),
                Map.entry("2026-12-26", "PUBLIC_HOLIDAY Tapaninpäivä")));
        assertEquals(expected, asMap(WorkdayCalendar.of(Country.FI).closedDays(2026)));
    }

    @Test
    void workdaysInDenmark2026() {
        // 2026 has 365 days and starts on a Thursday: 52 whole weeks plus Thursday 31 Dec, so 104 weekend days.
        // Closures on weekdays: 1 Jan, 2, 3, 6 Apr, 14 May, 25 May, 5 Jun, 24, 25, 31 Dec = 10. 365 - 104 - 10 = 251.
        WorkdayCalendar dk = WorkdayCalendar.of(Country.DK);
        long workdays = LocalDate.of(2026, 1, 1)
                .datesUntil(LocalDate.of(2027, 1, 1))
                .filter(dk::isWorkday)
                .count();
        assertEquals(251, workdays);
    }

    @Test
    void extraClosingDaysAreListedOnceAndNamedInTheCountrysLanguage() {
        LocalDate staffDay = LocalDate.of(2026, 3, 11); // a Wednesday
        LocalDate onAHoliday = LocalDate.of(2026, 12, 25); // already closed: listed once, as the holiday
        LocalDate nextYear = LocalDate.of(2027, 2, 1); // another year: not in 2026's list
        WorkdayCalendar calendar = WorkdayCalendar.of(Country.DK, Set.of(staffDay, onAHoliday, nextYear));

        List<ClosedDay> days = calendar.closedDays(2026);

        assertEquals(14, days.size(), "13 Danish closed days and the staff day");
        assertTrue(days.contains(new ClosedDay(staffDay, "Ekstra lukkedag", EXTRA)));
        assertEquals(
                List.of(new ClosedDay(onAHoliday, "Juledag", PUBLIC_HOLIDAY)),
                days.stream().filter(d -> d.date().equals(onAHoliday)).toList());
        assertFalse(calendar.isWorkday(staffDay));
        assertFalse(calendar.isWorkday(nextYear));
        assertTrue(WorkdayCalendar.of(Country.DK).isWorkday(staffDay), "extras belong to one account only");
        assertEquals(
                days.stream().map(ClosedDay::date).sorted().toList(),
                days.stream().map(ClosedDay::date).toList(),
                "in date order");
    }

    @Test
    void namesInOtherLanguagesFallBackToEnglish() {
        Map<String, String> english = asMap(WorkdayCalendar.of(Country.DK).closedDays(2026, Locale.ENGLISH));
        assertEquals("OFFICE_CLOSED Christmas Eve", english.get("2026-12-24"));
        assertEquals("PUBLIC_HOLIDAY Good Friday", english.get("2026-04-03"));
        assertEquals("OFFICE_CLOSED Constitution Day", english.get("2026-06-05"));

        Map<String, String> nynorsk = asMap(WorkdayCalendar.of(Country.NO).closedDays(2026, new Locale("nn")));
        assertEquals("OFFICE_CLOSED Julaftan", nynorsk.get("2026-12-24"));

        // Japanese has no bundle anywhere: English, not the JVM's default locale.
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            Map<String, String> japanese = asMap(WorkdayCalendar.of(Country.SE).closedDays(2026, Locale.JAPANESE));
            assertEquals("OFFICE_CLOSED Midsummer Eve", japanese.get("2026-06-19"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void closureExplainsAnyClosedDayIncludingWeekends() {
        WorkdayCalendar dk = WorkdayCalendar.of(Country.DK, Set.of(LocalDate.of(2026, 3, 11)));
        assertAll(
                () -> assertEquals(
                        new ClosedDay(LocalDate.of(2026, 1, 17), "lørdag", WEEKEND),
                        dk.closure(LocalDate.of(2026, 1, 17)).orElseThrow()),
                () -> assertEquals(
                        new ClosedDay(LocalDate.of(2026, 6, 5), "Grundlovsdag", OFFICE_CLOSED),
                        dk.closure(LocalDate.of(2026, 6, 5)).orElseThrow()),
                () -> assertEquals(
                        EXTRA,
                        dk.closure(LocalDate.of(2026, 3, 11)).orElseThrow().kind()),
                () -> assertTrue(dk.closure(LocalDate.of(2026, 1, 14)).isEmpty(), "a Wednesday in January works"));
    }

    @ParameterizedTest(name = "{0} {1}: workday={2}")
    @CsvSource({
        // Sweden's eves are closed; Skärtorsdag and Whit Monday are Swedish workdays.
        "SE, 2026-06-19, false",
        "SE, 2026-12-24, false",
        "SE, 2026-12-31, false",
        "SE, 2026-04-02, true",
        "SE, 2026-05-25, true",
        // Danish Constitution Day and eves closed; Epiphany and Midsummer Eve are Danish workdays.
        "DK, 2026-06-05, false",
        "DK, 2027-01-06, true",
        "DK, 2026-06-19, true",
        // Norway: 17 May 2027 on a Monday; 24 Dec 2027 on a Friday; Midsummer Eve is a workday.
        "NO, 2027-05-17, false",
        "NO, 2027-12-24, false",
        "NO, 2026-06-19, true",
        "NO, 2026-05-18, true",
        // Finland: Independence Day Mon 6 Dec 2027; 31 Dec 2026 is a workday.
        "FI, 2027-12-06, false",
        "FI, 2026-12-31, true",
        // Weekends and an ordinary Monday in all.
        "DK, 2026-01-17, false",
        "SE, 2026-01-18, false",
        "NO, 2026-01-19, true",
        "FI, 2026-01-19, true",
        // Leap day 2028 (a Tuesday) and 31 Dec of a leap year (a Sunday) are indexed correctly.
        "SE, 2028-02-29, true",
        "SE, 2028-12-31, false",
        "SE, 2028-12-29, true"
    })
    void isWorkday(Country country, LocalDate date, boolean workday) {
        assertEquals(workday, WorkdayCalendar.of(country).isWorkday(date));
    }

    @Test
    void yearsOutsideTheCachedRangeAreStillComputed() {
        // The Gregorian calendar repeats every 400 years: 25 Dec 2000 was a Monday, so 25 Dec 2400 is one too.
        // Mon 25 and Tue 26 Dec are Danish holidays; Wed 27 Dec is a workday.
        WorkdayCalendar dk = WorkdayCalendar.of(Country.DK);
        assertFalse(dk.isWorkday(LocalDate.of(2400, 12, 25)));
        assertFalse(dk.isWorkday(LocalDate.of(2400, 12, 26)));
        assertTrue(dk.isWorkday(LocalDate.of(2400, 12, 27)));
    }

    @Test
    void nextWorkdayAfterSkipsClosedDays() {
        WorkdayCalendar se = WorkdayCalendar.of(Country.SE);
        assertEquals(LocalDate.of(2026, 12, 28), se.nextWorkdayAfter(LocalDate.of(2026, 12, 23)));
        assertEquals(LocalDate.of(2026, 1, 13), se.nextWorkdayAfter(LocalDate.of(2026, 1, 12)));
    }

    @Test
    void theHolidayManagerIsBuiltOncePerCountry() {
        assertSame(CountryCalendar.of(Country.NO), CountryCalendar.of(Country.NO));
        assertSame(
                CountryCalendar.of(Country.NO).year(2026),
                CountryCalendar.of(Country.NO).year(2026));
    }

    @Test
    void countryZonesAndParsing() {
        assertEquals(ZoneId.of("Europe/Copenhagen"), Country.DK.defaultZone());
        assertEquals(ZoneId.of("Europe/Stockholm"), Country.SE.defaultZone());
        assertEquals(ZoneId.of("Europe/Oslo"), Country.NO.defaultZone());
        assertEquals(ZoneId.of("Europe/Helsinki"), Country.FI.defaultZone());
        assertEquals(Country.SE, Country.parse(" se "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Country.parse("DE"));
        assertTrue(e.getMessage().contains("DK, SE, NO, FI"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Country.parse(null));
    }

    @Test
    void officeHoursMustOpenBeforeTheyClose() {
        assertEquals(new OfficeHours(LocalTime.of(8, 0), LocalTime.of(16, 0)), OfficeHours.DEFAULT);
        assertThrows(IllegalArgumentException.class, () -> new OfficeHours(LocalTime.NOON, LocalTime.NOON));
        assertThrows(IllegalArgumentException.class, () -> new OfficeHours(LocalTime.of(16, 0), LocalTime.of(8, 0)));
        assertEquals(new OfficeHours(LocalTime.of(9, 0), LocalTime.of(15, 30)), OfficeHours.of("09:00", "15:30"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OfficeHours.of("9am", "15:00"));
        assertTrue(e.getMessage().contains("9am"), e.getMessage());
    }

    private static Map<String, String> asMap(List<ClosedDay> days) {
        return days.stream()
                .collect(Collectors.toMap(
                        d -> d.date().toString(),
                        d -> d.kind() + " " + d.name(),
                        (a, b) -> a + " | " + b,
                        TreeMap::new));
    }
}
