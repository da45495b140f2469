package org.tingvakt.notifier.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;

class DeadlineCalculatorConcurrencyTest {

    private static final List<ReplyRule> RULES =
            List.of(ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY, ReplyRule.NEXT_WORKDAY, new ReplyRule.BusinessHours(8));

    private static List<ZonedDateTime> computeAll(DeadlineCalculator calculator) {
        List<ZonedDateTime> out = new ArrayList<>();
        // Every 7 h 13 min over two years, so arrivals hit every hour of the day and all the years' tables.
        for (Instant t = Instant.parse("2026-01-01T00:00:00Z");
                t.isBefore(Instant.parse("2028-01-01T00:00:00Z"));
                t = t.plusSeconds(7 * 3600 + 13 * 60)) {
            for (ReplyRule rule : RULES) {
                out.add(calculator.deadline(rule, t));
            }
        }
        return out;
    }

    @Test
    void oneCalculatorGivesTheSameAnswersFromManyThreads() throws Exception {
        // Each calculator gets its own extra closing day, so its per-year tables are built lazily during the race.
        Set<LocalDate> extras = Set.of(LocalDate.of(2026, 9, 15), LocalDate.of(2027, 3, 3));
        DeadlineCalculator reference = new DeadlineCalculator(
                WorkdayCalendar.of(Country.NO, extras), OfficeHours.DEFAULT, Country.NO.defaultZone());
        List<ZonedDateTime> expected = computeAll(reference);

        DeadlineCalculator shared = new DeadlineCalculator(
                WorkdayCalendar.of(Country.NO, extras), OfficeHours.DEFAULT, Country.NO.defaultZone());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<ZonedDateTime>>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(() -> computeAll(shared));
            }
            for (Future<List<ZonedDateTime>> f : pool.invokeAll(tasks)) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
