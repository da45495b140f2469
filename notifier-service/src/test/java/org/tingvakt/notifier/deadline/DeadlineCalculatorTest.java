package org.tingvakt.notifier.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.tingvakt.notifier.calendar.Country.DK;
import static org.tingvakt.notifier.calendar.Country.FI;
import static org.tingvakt.notifier.calendar.Country.NO;
import static org.tingvakt.notifier.calendar.Country.SE;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;

/**
 * Deadlines for the real 2026 and 2027 calendars, default office hours 08:00–16:00 and each country's default zone.
 * Every expected value was worked out by hand from the calendar (weekday of each date, the holiday dates, the
 * daylight-saving dates: EU clocks go forward on the last Sunday of March, 29 Mar 2026 and 28 Mar 2027, and back on
 * the last Sunday of October, 25 Oct 2026 and 31 Oct 2027), not by running the engine.
 *
 * <p>Reference dates: 2026-01-01 is a Thursday; Easter Sunday is 5 Apr 2026 and 28 Mar 2027; Ascension 14 May 2026
 * and 6 May 2027; Whit Sunday 24 May 2026 and 16 May 2027; Swedish/Finnish Midsummer Eve 19 Jun 2026 and 25 Jun 2027.
 */
class DeadlineCalculatorTest {

    private static final String W24 = "WITHIN_24H_OR_NEXT_WORKDAY";
    private static final String NW = "NEXT_WORKDAY";

    static Stream<Arguments> table() {
        return Stream.of(
                // --- The architecture's own examples (a plain week: Mon 12 – Sun 18 Jan 2026, winter time +01:00).
                row(
                        SE,
                        W24,
                        "2026-01-16T10:00+01:00",
                        "2026-01-19T16:00+01:00",
                        "Fri 10:00: +24h is Saturday -> close on Monday"),
                row(
                        SE,
                        W24,
                        "2026-01-17T23:00+01:00",
                        "2026-01-19T16:00+01:00",
                        "Sat 23:00: arrives on a closed day -> close on Monday"),
                row(SE, W24, "2026-01-13T15:30+01:00", "2026-01-14T15:30+01:00", "Tue 15:30 -> Wed 15:30"),
                row(
                        DK,
                        W24,
                        "2026-01-15T23:30+01:00",
                        "2026-01-16T23:30+01:00",
                        "Thu 23:30: Friday is a workday, so +24h stands even after office hours"),
                row(
                        DK,
                        W24,
                        "2026-01-15T23:59:59+01:00",
                        "2026-01-16T23:59:59+01:00",
                        "Thu 23:59:59: +24h is the last second of Friday, still a workday"),
                row(
                        DK,
                        W24,
                        "2026-01-16T00:00+01:00",
                        "2026-01-19T16:00+01:00",
                        "Fri 00:00: +24h is Sat 00:00, the first instant of a closed day -> Monday close"),
                row(
                        DK,
                        W24,
                        "2026-01-18T23:59+01:00",
                        "2026-01-19T16:00+01:00",
                        "Sun 23:59: arrival day closed -> Monday close, earlier than +24h (the rule says so)"),
                row(
                        FI,
                        W24,
                        "2026-01-13T15:30+02:00",
                        "2026-01-14T15:30+02:00",
                        "FI Tue 15:30 (Helsinki +02:00) -> Wed 15:30"),

                // --- The ISSUE's example: Julafton 24 Dec (Thu) closed, 25 Fri and 26 Sat holidays, 27 Sunday.
                row(
                        SE,
                        W24,
                        "2026-12-23T10:00+01:00",
                        "2026-12-28T16:00+01:00",
                        "SE Wed 23 Dec: Julafton closed -> Mon 28 Dec close"),

                // --- Easter 2026: Maundy Thu 2 Apr (DK, NO holiday; SE workday), Good Fri 3 Apr, Easter Mon 6 Apr.
                //     Summer time since 29 Mar: +02:00 (Helsinki +03:00).
                row(
                        DK,
                        W24,
                        "2026-04-01T10:00+02:00",
                        "2026-04-07T16:00+02:00",
                        "DK Wed before Easter: Thu-Mon closed (Maundy Thu, Good Fri, weekend, Easter Mon) -> Tue 7 Apr"),
                row(
                        SE,
                        W24,
                        "2026-04-01T10:00+02:00",
                        "2026-04-02T10:00+02:00",
                        "SE Wed before Easter: Skärtorsdagen is a Swedish workday -> +24h"),
                row(
                        SE,
                        W24,
                        "2026-04-02T10:00+02:00",
                        "2026-04-07T16:00+02:00",
                        "SE Maundy Thu: +24h is Good Friday -> Tue 7 Apr (Easter Monday closed)"),
                row(
                        NO,
                        NW,
                        "2026-04-01T15:59+02:00",
                        "2026-04-07T16:00+02:00",
                        "NO Wed 15:59, NEXT_WORKDAY: Thu 2 - Mon 6 Apr closed -> Tue 7 Apr"),
                row(
                        NO,
                        "BUSINESS_HOURS(8)",
                        "2026-04-01T12:00+02:00",
                        "2026-04-07T12:00+02:00",
                        "NO Wed 12:00: 4 h Wed, Easter closed Thu-Mon, 4 h Tue from 08:00 -> 12:00"),
                row(
                        FI,
                        W24,
                        "2026-04-02T09:00+03:00",
                        "2026-04-07T16:00+03:00",
                        "FI Thu (workday in FI): +24h is Good Friday -> Tue 7 Apr"),

                // --- Store bededag, 4th Friday after Easter = 1 May 2026, abolished in Denmark from 2024.
                row(
                        DK,
                        W24,
                        "2026-04-30T10:00+02:00",
                        "2026-05-01T10:00+02:00",
                        "DK Thu 30 Apr: Fri 1 May 2026 is a workday (no Store bededag, no May Day holiday) -> +24h"),
                row(
                        DK,
                        NW,
                        "2026-04-30T10:00+02:00",
                        "2026-05-01T16:00+02:00",
                        "DK Thu 30 Apr, NEXT_WORKDAY -> Fri 1 May close"),
                row(
                        DK,
                        W24,
                        "2023-05-04T10:00+02:00",
                        "2023-05-08T16:00+02:00",
                        "DK 2023 still had Store bededag on Fri 5 May -> Mon 8 May"),
                row(
                        SE,
                        W24,
                        "2026-04-30T10:00+02:00",
                        "2026-05-04T16:00+02:00",
                        "SE Thu 30 Apr: Första maj (Fri) is a holiday -> Mon 4 May"),

                // --- Ascension: Thu 14 May 2026, Thu 6 May 2027.
                row(
                        NO,
                        W24,
                        "2026-05-13T10:00+02:00",
                        "2026-05-15T16:00+02:00",
                        "NO Wed: +24h is Ascension Thu -> Fri 15 May close"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-05-13T14:00+02:00",
                        "2026-05-15T14:00+02:00",
                        "SE Wed 14:00: 2 h Wed, Ascension closed, 6 h Fri from 08:00 -> 14:00"),
                row(
                        DK,
                        W24,
                        "2027-05-05T09:00+02:00",
                        "2027-05-07T16:00+02:00",
                        "DK Wed 5 May 2027: +24h is Ascension Thu -> Fri 7 May close"),

                // --- Whitsun 2026: Whit Monday 25 May is a holiday in DK and NO, not in SE (since 2005) or FI.
                row(
                        DK,
                        W24,
                        "2026-05-22T10:00+02:00",
                        "2026-05-26T16:00+02:00",
                        "DK Fri before Whitsun: weekend, Whit Mon closed -> Tue 26 May"),
                row(
                        SE,
                        W24,
                        "2026-05-22T10:00+02:00",
                        "2026-05-25T16:00+02:00",
                        "SE Fri before Whitsun: Annandag pingst is a Swedish workday -> Mon 25 May"),
                row(
                        SE,
                        W24,
                        "2026-05-24T12:00+02:00",
                        "2026-05-25T16:00+02:00",
                        "SE Pingstdagen (Sun) -> Mon 25 May close"),
                row(
                        FI,
                        W24,
                        "2026-05-22T10:00+03:00",
                        "2026-05-25T16:00+03:00",
                        "FI Fri before Whitsun: no Whit Monday in Finland -> Mon 25 May"),

                // --- 17 May: a Sunday in 2026 (no effect); in 2027 a Monday, and Whit Monday the same day.
                row(
                        NO,
                        W24,
                        "2026-05-16T11:00+02:00",
                        "2026-05-18T16:00+02:00",
                        "NO Sat 16 May 2026: 17 May is a Sunday anyway -> Mon 18 May"),
                row(
                        NO,
                        W24,
                        "2027-05-14T10:00+02:00",
                        "2027-05-18T16:00+02:00",
                        "NO Fri 14 May 2027: Mon 17 May is Constitution Day and Whit Monday -> Tue 18 May"),
                row(
                        NO,
                        "BUSINESS_HOURS(4)",
                        "2027-05-16T20:00+02:00",
                        "2027-05-18T12:00+02:00",
                        "NO Sun 16 May 2027: next opening Tue 18 May 08:00 (17 May closed) + 4 h"),

                // --- Danish Constitution Day, Fri 5 Jun 2026: offices close although it is no public holiday.
                row(
                        DK,
                        W24,
                        "2026-06-04T10:00+02:00",
                        "2026-06-08T16:00+02:00",
                        "DK Thu 4 Jun: Grundlovsdag closed, weekend -> Mon 8 Jun"),
                row(
                        DK,
                        NW,
                        "2026-06-04T10:00+02:00",
                        "2026-06-08T16:00+02:00",
                        "DK Thu 4 Jun, NEXT_WORKDAY -> Mon 8 Jun"),
                row(
                        SE,
                        W24,
                        "2026-06-04T10:00+02:00",
                        "2026-06-05T10:00+02:00",
                        "SE Thu 4 Jun: 5 Jun is a Swedish workday (nationaldagen 6 Jun is a Saturday) -> +24h"),

                // --- Midsummer Eve (Fri 19 Jun 2026, Fri 25 Jun 2027): closed in SE and FI, a workday in DK.
                row(
                        SE,
                        W24,
                        "2026-06-18T10:00+02:00",
                        "2026-06-22T16:00+02:00",
                        "SE Thu 18 Jun: Midsommarafton closed -> Mon 22 Jun"),
                row(
                        DK,
                        W24,
                        "2026-06-18T10:00+02:00",
                        "2026-06-19T10:00+02:00",
                        "DK Thu 18 Jun: 19 Jun is a Danish workday -> +24h"),
                row(
                        FI,
                        W24,
                        "2026-06-18T10:00+03:00",
                        "2026-06-22T16:00+03:00",
                        "FI Thu 18 Jun: Juhannusaatto closed -> Mon 22 Jun"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2027-06-24T12:00+02:00",
                        "2027-06-28T12:00+02:00",
                        "SE Thu 24 Jun 2027 12:00: 4 h Thu, Midsommarafton closed, 4 h Mon 28 Jun"),

                // --- Christmas 2026: 24 Thu (closed in all four), 25 Fri, 26 Sat, 27 Sun.
                row(
                        DK,
                        W24,
                        "2026-12-23T10:00+01:00",
                        "2026-12-28T16:00+01:00",
                        "DK Wed 23 Dec: juleaftensdag closed (office), 25-27 closed -> Mon 28 Dec"),
                row(
                        NO,
                        W24,
                        "2026-12-23T10:00+01:00",
                        "2026-12-28T16:00+01:00",
                        "NO Wed 23 Dec: julaften closed (office) -> Mon 28 Dec"),
                row(
                        FI,
                        W24,
                        "2026-12-23T10:00+02:00",
                        "2026-12-28T16:00+02:00",
                        "FI Wed 23 Dec: jouluaatto closed -> Mon 28 Dec"),
                row(
                        DK,
                        W24,
                        "2026-12-22T10:00+01:00",
                        "2026-12-23T10:00+01:00",
                        "DK Tue 22 Dec -> Wed 23 Dec 10:00, a workday"),
                row(
                        DK,
                        "BUSINESS_HOURS(8)",
                        "2026-12-23T12:00+01:00",
                        "2026-12-28T12:00+01:00",
                        "DK Wed 23 Dec 12:00: 4 h Wed, 24-27 closed, 4 h Mon 28 Dec"),
                //     Christmas 2027: 24 Fri, 25 Sat, 26 Sun; no substitute days, Mon 27 Dec is a workday.
                row(
                        SE,
                        W24,
                        "2027-12-23T10:00+01:00",
                        "2027-12-27T16:00+01:00",
                        "SE Thu 23 Dec 2027: Julafton Fri closed, weekend -> Mon 27 Dec (not moved)"),

                // --- New Year: 31 Dec 2026 Thu (closed in DK, NO, SE), 1 Jan 2027 Fri; Epiphany Wed 6 Jan 2027 (SE,
                // FI).
                row(
                        DK,
                        W24,
                        "2026-12-30T10:00+01:00",
                        "2027-01-04T16:00+01:00",
                        "DK Wed 30 Dec: nytårsaftensdag closed, New Year Fri, weekend -> Mon 4 Jan"),
                row(
                        SE,
                        W24,
                        "2026-12-30T10:00+01:00",
                        "2027-01-04T16:00+01:00",
                        "SE Wed 30 Dec: Nyårsafton closed -> Mon 4 Jan"),
                row(
                        FI,
                        W24,
                        "2026-12-30T10:00+02:00",
                        "2026-12-31T10:00+02:00",
                        "FI Wed 30 Dec: 31 Dec is a Finnish workday -> +24h"),
                row(
                        SE,
                        W24,
                        "2027-01-05T10:00+01:00",
                        "2027-01-07T16:00+01:00",
                        "SE Tue 5 Jan 2027: Trettondedag jul (Wed) -> Thu 7 Jan"),
                row(
                        DK,
                        W24,
                        "2027-01-05T10:00+01:00",
                        "2027-01-06T10:00+01:00",
                        "DK Tue 5 Jan 2027: Epiphany is a Danish workday -> +24h"),
                row(
                        NO,
                        NW,
                        "2027-12-30T12:00+01:00",
                        "2028-01-03T16:00+01:00",
                        "NO Thu 30 Dec 2027: nyttårsaften (Fri) closed, 1 Jan 2028 Sat -> Mon 3 Jan 2028"),

                // --- Clocks forward, Sun 29 Mar 2026 02:00 -> 03:00 (+01:00 -> +02:00).
                row(
                        SE,
                        W24,
                        "2026-03-27T10:00+01:00",
                        "2026-03-30T16:00+02:00",
                        "SE Fri before the change -> Mon close, now in summer time"),
                row(
                        DK,
                        W24,
                        "2026-03-28T23:00+01:00",
                        "2026-03-30T16:00+02:00",
                        "DK Sat 23:00 winter time -> Mon close summer time"),
                row(
                        DK,
                        "BUSINESS_HOURS(2)",
                        "2026-03-27T15:00+01:00",
                        "2026-03-30T09:00+02:00",
                        "DK Fri 15:00: 1 h Fri, 1 h from Mon 08:00 summer time"),
                row(
                        NO,
                        NW,
                        "2026-03-29T01:30+01:00",
                        "2026-03-30T16:00+02:00",
                        "NO Sun 01:30, half an hour before the gap -> Mon close"),
                row(
                        FI,
                        W24,
                        "2026-03-29T02:59+02:00",
                        "2026-03-30T16:00+03:00",
                        "FI Sun 02:59, a minute before Helsinki's gap (03:00) -> Mon close +03:00"),
                //     Clocks forward, Sun 28 Mar 2027, which is also Easter Sunday.
                row(
                        NO,
                        W24,
                        "2027-03-24T10:00+01:00",
                        "2027-03-30T16:00+02:00",
                        "NO Wed 24 Mar 2027: Maundy Thu - Easter Mon closed, clocks change on Sunday -> Tue 30 Mar"),
                row(
                        SE,
                        W24,
                        "2027-03-24T10:00+01:00",
                        "2027-03-25T10:00+01:00",
                        "SE Wed 24 Mar 2027: Skärtorsdagen is a workday, still winter time -> +24h"),
                row(
                        SE,
                        W24,
                        "2027-03-25T10:00+01:00",
                        "2027-03-30T16:00+02:00",
                        "SE Thu 25 Mar 2027: Good Friday -> Tue 30 Mar, summer time"),

                // --- Clocks back, Sun 25 Oct 2026 03:00 -> 02:00 (+02:00 -> +01:00): 02:30 happens twice.
                row(
                        SE,
                        W24,
                        "2026-10-25T02:30+02:00",
                        "2026-10-26T16:00+01:00",
                        "SE Sun, first 02:30 (summer time) -> Mon close, winter time"),
                row(
                        SE,
                        W24,
                        "2026-10-25T02:30+01:00",
                        "2026-10-26T16:00+01:00",
                        "SE Sun, second 02:30 (winter time) -> Mon close"),
                row(
                        DK,
                        W24,
                        "2026-10-23T10:00+02:00",
                        "2026-10-26T16:00+01:00",
                        "DK Fri before the change -> Mon close, winter time"),
                row(
                        DK,
                        "BUSINESS_HOURS(8)",
                        "2026-10-23T12:00+02:00",
                        "2026-10-26T12:00+01:00",
                        "DK Fri 12:00: 4 h Fri, 4 h from Mon 08:00 winter time"),

                // --- Office-hour edges, SE, Mon 12 Jan 2026 (+01:00). The office interval is [08:00, 16:00).
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T08:00+01:00",
                        "2026-01-12T16:00+01:00",
                        "exactly at opening: the whole day, ends exactly at close the same day"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T07:59+01:00",
                        "2026-01-12T16:00+01:00",
                        "a minute before opening: counting starts at 08:00"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T08:01+01:00",
                        "2026-01-13T08:01+01:00",
                        "a minute after opening: 7 h 59 min Mon, 1 min Tue"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T15:59+01:00",
                        "2026-01-13T15:59+01:00",
                        "a minute before close: 1 min Mon, 7 h 59 min Tue"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T16:00+01:00",
                        "2026-01-13T16:00+01:00",
                        "exactly at close: outside office hours, counting starts Tue 08:00"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T16:01+01:00",
                        "2026-01-13T16:00+01:00",
                        "a minute after close: counting starts Tue 08:00"),
                row(
                        SE,
                        "BUSINESS_HOURS(1)",
                        "2026-01-12T15:00+01:00",
                        "2026-01-12T16:00+01:00",
                        "ends exactly at close: stays on Monday, not Tue 08:00"),
                row(
                        SE,
                        "BUSINESS_HOURS(8)",
                        "2026-01-12T10:00:00.5+01:00",
                        "2026-01-13T10:00:00.5+01:00",
                        "fractions of a second are kept: 5 h 59 min 59.5 s Mon, 2 h 0.5 s Tue"),
                row(
                        SE,
                        "BUSINESS_HOURS(1)",
                        "2026-01-16T15:30+01:00",
                        "2026-01-19T08:30+01:00",
                        "Fri 15:30: 30 min Fri, 30 min Mon"),
                row(
                        SE,
                        "BUSINESS_HOURS(16)",
                        "2026-01-15T12:00+01:00",
                        "2026-01-19T12:00+01:00",
                        "Thu 12:00: 4 h Thu, 8 h Fri, 4 h Mon"),
                row(
                        SE,
                        "BUSINESS_HOURS(4)",
                        "2026-01-17T10:00+01:00",
                        "2026-01-19T12:00+01:00",
                        "Sat: counting starts Mon 08:00"),
                row(
                        SE,
                        NW,
                        "2026-01-12T07:59+01:00",
                        "2026-01-13T16:00+01:00",
                        "NEXT_WORKDAY before opening: still the next workday, not today"),
                row(
                        SE,
                        NW,
                        "2026-01-12T08:00+01:00",
                        "2026-01-13T16:00+01:00",
                        "NEXT_WORKDAY exactly at opening -> Tue close"),
                row(
                        SE,
                        NW,
                        "2026-01-12T23:59+01:00",
                        "2026-01-13T16:00+01:00",
                        "NEXT_WORKDAY late Monday -> Tue close"),
                row(
                        SE,
                        NW,
                        "2026-01-16T16:00+01:00",
                        "2026-01-19T16:00+01:00",
                        "NEXT_WORKDAY Fri at close -> Mon close"),
                row(
                        SE,
                        W24,
                        "2026-01-12T16:00+01:00",
                        "2026-01-13T16:00+01:00",
                        "WITHIN_24H at close: office hours do not matter -> Tue 16:00"),
                row(
                        NO,
                        W24,
                        "2026-01-12T07:59+01:00",
                        "2026-01-13T07:59+01:00",
                        "WITHIN_24H before opening -> Tue 07:59"));
    }

    private static Arguments row(Country country, String rule, String received, String expected, String why) {
        return arguments(country, rule, received, expected, why);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}: {4}")
    @MethodSource("table")
    void deadlineInTheCountrysZone(Country country, String rule, String received, String expected, String why) {
        DeadlineCalculator calculator = new DeadlineCalculator(
                WorkdayCalendar.of(country, Set.of()), OfficeHours.DEFAULT, country.defaultZone());

        ZonedDateTime deadline = calculator.deadline(
                ReplyRule.parse(rule), OffsetDateTime.parse(received).toInstant());

        assertEquals(OffsetDateTime.parse(expected), deadline.toOffsetDateTime(), why);
        assertEquals(country.defaultZone(), deadline.getZone(), "deadline is given in the account's zone");
    }

    /**
     * "+24 h" means 24 elapsed hours. In the four countries' zones a 24-hour window that contains a clock change
     * always touches a Saturday or Sunday (EU clocks change on Sunday at 01:00 UTC) and so falls back to "next
     * workday at close"; to see the choice at work we need a zone that changes on a weekday. Egypt moves its clocks
     * at midnight between Thursday and Friday: forward on 24 Apr 2026, back on 30 Oct 2026.
     */
    @Test
    void twentyFourHoursAreElapsedHoursAcrossAWeekdayClockChange() {
        ZoneId cairo = ZoneId.of("Africa/Cairo");
        DeadlineCalculator calculator = new DeadlineCalculator(WorkdayCalendar.of(SE), OfficeHours.DEFAULT, cairo);

        // Forward: Thu 23 Apr 10:00 +02:00 is 08:00 UTC; +24 h = Fri 08:00 UTC = 11:00 +03:00 (wall clock +25 h).
        ZonedDateTime spring = calculator.deadline(
                ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY,
                OffsetDateTime.parse("2026-04-23T10:00+02:00").toInstant());
        assertEquals(OffsetDateTime.parse("2026-04-24T11:00+03:00"), spring.toOffsetDateTime());

        // Back: Thu 29 Oct 10:00 +03:00 is 07:00 UTC; +24 h = Fri 07:00 UTC = 09:00 +02:00 (wall clock +23 h).
        ZonedDateTime autumn = calculator.deadline(
                ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY,
                OffsetDateTime.parse("2026-10-29T10:00+03:00").toInstant());
        assertEquals(OffsetDateTime.parse("2026-10-30T09:00+02:00"), autumn.toOffsetDateTime());
        assertEquals(cairo, autumn.getZone());
    }

    @Test
    void theDayOfArrivalIsTheDayInTheAccountsZoneNotTheCountrysDefault() {
        // An account following the Swedish calendar but set to Helsinki time. Mon 12 Jan 2026 23:30 in Stockholm
        // is Tue 00:30 in Helsinki: the arrival day is Tuesday, so NEXT_WORKDAY is Wednesday, at 16:00 Helsinki.
        DeadlineCalculator helsinki =
                new DeadlineCalculator(WorkdayCalendar.of(SE), OfficeHours.DEFAULT, ZoneId.of("Europe/Helsinki"));
        DeadlineCalculator stockholm =
                new DeadlineCalculator(WorkdayCalendar.of(SE), OfficeHours.DEFAULT, SE.defaultZone());
        Instant received = OffsetDateTime.parse("2026-01-12T23:30+01:00").toInstant();

        assertEquals(
                OffsetDateTime.parse("2026-01-14T16:00+02:00"),
                helsinki.deadline(ReplyRule.NEXT_WORKDAY, received).toOffsetDateTime());
        assertEquals(
                OffsetDateTime.parse("2026-01-13T16:00+01:00"),
                stockholm.deadline(ReplyRule.NEXT_WORKDAY, received).toOffsetDateTime());
    }

    @Test
    void extraClosingDaysOfTheAccountCount() {
        // Wed 14 Jan 2026 is an extra closing day of this account (a staff day, say).
        WorkdayCalendar calendar = WorkdayCalendar.of(SE, Set.of(LocalDate.of(2026, 1, 14)));
        DeadlineCalculator calculator = new DeadlineCalculator(calendar, OfficeHours.DEFAULT, SE.defaultZone());
        Instant tuesday = OffsetDateTime.parse("2026-01-13T10:00+01:00").toInstant();

        assertEquals(
                OffsetDateTime.parse("2026-01-15T16:00+01:00"),
                calculator
                        .deadline(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, tuesday)
                        .toOffsetDateTime());
        // 6 h Tue, Wed closed, 2 h Thu from 08:00.
        assertEquals(
                OffsetDateTime.parse("2026-01-15T10:00+01:00"),
                calculator.deadline(new ReplyRule.BusinessHours(8), tuesday).toOffsetDateTime());
        // The same account without the extra day: Wed 10:00.
        DeadlineCalculator plain =
                new DeadlineCalculator(WorkdayCalendar.of(SE), OfficeHours.DEFAULT, SE.defaultZone());
        assertEquals(
                OffsetDateTime.parse("2026-01-14T10:00+01:00"),
                plain.deadline(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, tuesday).toOffsetDateTime());
    }

    @Test
    void customOfficeHours() {
        OfficeHours nineToThree = new OfficeHours(LocalTime.of(9, 0), LocalTime.of(15, 0));
        DeadlineCalculator calculator = new DeadlineCalculator(WorkdayCalendar.of(DK), nineToThree, DK.defaultZone());

        // Fri 16 Jan 2026: NEXT_WORKDAY closes at 15:00 on Monday.
        assertEquals(
                OffsetDateTime.parse("2026-01-19T15:00+01:00"),
                calculator
                        .deadline(
                                ReplyRule.NEXT_WORKDAY,
                                OffsetDateTime.parse("2026-01-16T10:00+01:00").toInstant())
                        .toOffsetDateTime());
        // Mon 12 Jan 08:30 is before opening: 6 h from 09:00 end exactly at 15:00.
        assertEquals(
                OffsetDateTime.parse("2026-01-12T15:00+01:00"),
                calculator
                        .deadline(
                                new ReplyRule.BusinessHours(6),
                                OffsetDateTime.parse("2026-01-12T08:30+01:00").toInstant())
                        .toOffsetDateTime());
        // Mon 12 Jan 14:00: 1 h Mon, 6 h Tue 09:00-15:00, 1 h Wed -> Wed 10:00.
        assertEquals(
                OffsetDateTime.parse("2026-01-14T10:00+01:00"),
                calculator
                        .deadline(
                                new ReplyRule.BusinessHours(8),
                                OffsetDateTime.parse("2026-01-12T14:00+01:00").toInstant())
                        .toOffsetDateTime());
    }

    @Test
    void longBusinessHourCountsCrossManyWeeks() {
        // 80 h = ten 8-hour workdays. From Mon 7 Dec 2026 08:00 in DK: 7-11 Dec (5 days), 14-18 Dec (5 days)
        // -> ends Fri 18 Dec 16:00.
        DeadlineCalculator calculator =
                new DeadlineCalculator(WorkdayCalendar.of(DK), OfficeHours.DEFAULT, DK.defaultZone());
        assertEquals(
                OffsetDateTime.parse("2026-12-18T16:00+01:00"),
                calculator
                        .deadline(
                                new ReplyRule.BusinessHours(80),
                                OffsetDateTime.parse("2026-12-07T08:00+01:00").toInstant())
                        .toOffsetDateTime());
        // 88 h: one more day; 21-23 Dec are workdays -> Mon 21 Dec 16:00.
        assertEquals(
                OffsetDateTime.parse("2026-12-21T16:00+01:00"),
                calculator
                        .deadline(
                                new ReplyRule.BusinessHours(88),
                                OffsetDateTime.parse("2026-12-07T08:00+01:00").toInstant())
                        .toOffsetDateTime());
        // 112 h = 14 days: 7-11 Dec (5), 14-18 Dec (10), 21-23 Dec (13), 24-27 Dec closed, 28 Dec (14)
        // -> Mon 28 Dec 16:00.
        assertEquals(
                OffsetDateTime.parse("2026-12-28T16:00+01:00"),
                calculator
                        .deadline(
                                new ReplyRule.BusinessHours(112),
                                OffsetDateTime.parse("2026-12-07T08:00+01:00").toInstant())
                        .toOffsetDateTime());
    }

    @Test
    void theResultDoesNotDependOnTheCallersDefaultZone() {
        DeadlineCalculator calculator =
                new DeadlineCalculator(WorkdayCalendar.of(NO), OfficeHours.DEFAULT, NO.defaultZone());
        Instant received = OffsetDateTime.parse("2026-01-16T10:00+01:00").toInstant();
        java.util.TimeZone saved = java.util.TimeZone.getDefault();
        try {
            java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
            assertEquals(
                    OffsetDateTime.parse("2026-01-19T16:00+01:00"),
                    calculator
                            .deadline(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, received)
                            .toOffsetDateTime());
        } finally {
            java.util.TimeZone.setDefault(saved);
        }
    }
}
