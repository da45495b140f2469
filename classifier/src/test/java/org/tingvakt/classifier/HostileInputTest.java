package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile comments of 100,000 characters: digit and separator runs, '@' runs, long words before an '@', repeated
 * addresses, IDs, phone numbers, cards, insults and phrase parts. Each must be classified in under 50 ms of CPU time after
 * warm-up (the best of five runs, so that another process on the machine does not decide the result). Before the fixes,
 * 20,000 characters of "1 " took 3 s (a libphonenumber check per candidate), a 20,000-char word ending in '@' 8 s (the
 * e-mail regex), "jeg vil " repeated 0.3 s (phrase parts paired with every later part).
 */
class HostileInputTest {

    private static final Classifier C = Classifier.load();
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int LENGTH = 100_000;
    private static final long BUDGET_NANOS = 50_000_000L;

    private static String repeat(String unit) {
        StringBuilder sb = new StringBuilder(LENGTH + unit.length());
        while (sb.length() < LENGTH) {
            sb.append(unit);
        }
        return sb.substring(0, LENGTH);
    }

    private static long bestCpuNanos(String text) {
        for (int i = 0; i < 3; i++) {
            C.classify(text);
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            C.classify(text, Optional.empty());
            best = Math.min(best, CPU.getCurrentThreadCpuTime() - t0);
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1 ",
                "1",
                "12",
                "1-",
                "1.",
                "1/",
                "+1 ",
                "(1) ",
                "a@",
                "@",
                "x@x ",
                "a.b@c.dk ",
                "aa@b.",
                "DK50 ",
                "Storgatan 5 ",
                "Rådhuspladsen 2, 8000 Aarhus ",
                "070761-4285 ",
                "+45 20 12 34 56 ",
                "4111 1111 1111 1111 ",
                "Lars Hansen har kræft ",
                "kommunen lise@odder.dk Lise ",
                "kultur@odder.dk ",
                "Servicetorget 67 93 40 00 ",
                "Hansen AS, ring 412 34 567 ",
                "Familieretshuset på 72 56 70 00 ",
                "idiot ",
                "du ",
                "du er ",
                "jeg vil ",
                "vi ved hvor ",
                "hvis du ",
                "muslimer er ",
                "adgangskoden er ",
                "ab1!",
                "Hans ",
                "\"",
                "?",
                "aaaa"
            })
    void repeatedPatternIsLinear(String unit) {
        String text = repeat(unit);
        long nanos = bestCpuNanos(text);
        assertTrue(nanos < BUDGET_NANOS, () -> "'" + unit + "' x " + LENGTH + " chars: " + nanos / 1_000_000 + " ms");
    }

    @Test
    void longWordsAroundAnAt() {
        String before = "a".repeat(LENGTH - 10) + "@x.kommune";
        String after = "a@" + "b".repeat(LENGTH - 2);
        String dots = "a@" + "b.".repeat(LENGTH / 2 - 1);
        for (String text : new String[] {before, after, dots}) {
            long nanos = bestCpuNanos(text);
            assertTrue(nanos < BUDGET_NANOS, () -> text.substring(0, 12) + "…: " + nanos / 1_000_000 + " ms");
        }
    }
}
