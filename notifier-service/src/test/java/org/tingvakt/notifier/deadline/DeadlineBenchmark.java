package org.tingvakt.notifier.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tingvakt.notifier.calendar.Country;
import org.tingvakt.notifier.calendar.OfficeHours;
import org.tingvakt.notifier.calendar.WorkdayCalendar;

/**
 * Throughput of {@link DeadlineCalculator#deadline}: one operation is one deadline. Arrivals are spread over 2026
 * and 2027 (every 6 h 47 min), so weekends, holidays, office-hour edges and clock changes are all in the mix.
 * Run it as described in {@code docs/deadlines.md}; the goal is at least 1,000,000 operations a second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class DeadlineBenchmark {

    private static final int ARRIVALS = 4096; // a power of two, so the index wraps with a mask

    private DeadlineCalculator calculator;
    private Instant[] arrivals;
    private int next;

    private final ReplyRule within24h = ReplyRule.WITHIN_24H_OR_NEXT_WORKDAY;
    private final ReplyRule nextWorkday = ReplyRule.NEXT_WORKDAY;
    private final ReplyRule businessHours8 = new ReplyRule.BusinessHours(8);

    @Setup(Level.Trial)
    public void setUp() {
        calculator = new DeadlineCalculator(
                WorkdayCalendar.of(Country.SE, Set.of(LocalDate.of(2026, 9, 15))),
                OfficeHours.DEFAULT,
                Country.SE.defaultZone());
        arrivals = new Instant[ARRIVALS];
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < ARRIVALS; i++, t = t.plusSeconds(6 * 3600 + 47 * 60)) {
            arrivals[i] = t;
        }
        // Build the year tables before measuring; the first call per country also loads jollyday.
        for (Instant a : arrivals) {
            calculator.deadline(businessHours8, a);
        }
    }

    private Instant nextArrival() {
        return arrivals[next++ & (ARRIVALS - 1)];
    }

    @Benchmark
    public ZonedDateTime within24hOrNextWorkday() {
        return calculator.deadline(within24h, nextArrival());
    }

    @Benchmark
    public ZonedDateTime nextWorkday() {
        return calculator.deadline(nextWorkday, nextArrival());
    }

    @Benchmark
    public ZonedDateTime businessHours8() {
        return calculator.deadline(businessHours8, nextArrival());
    }
}
