package org.tingvakt.moderation.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tingvakt.moderation.transparency.TransparencyReport.Figures;

/**
 * The small-count rule with k = 5, by the subtraction attacks a reader could try on the published figures: no figure in
 * 1..4, and no whole minus its published parts in 1..4.
 */
class SmallCountsTest {
    private static final int K = 5;
    private static final List<String> REASONS = List.of("THREAT", "HATE", "INSULT", "PROFANITY", "OTHER");
    private static final SmallCounts.Answers NO_ANSWERS = new SmallCounts.Answers(0, 0, null, null);

    @Test
    void foldGroupsSmallPartsAndThenTheSmallestUntilTheGroupIsZeroOrAtLeastK() {
        assertThat(SmallCounts.fold(0, Map.of("a", 10L, "b", 7L), K)).isEmpty();
        assertThat(SmallCounts.fold(0, ordered("a", 10L, "b", 3L, "c", 2L), K)).containsExactly("b", "c");
        assertThat(SmallCounts.fold(0, ordered("a", 10L, "b", 3L, "c", 6L), K)).containsExactly("b", "c");
        assertThat(SmallCounts.fold(1, ordered("a", 10L, "b", 8L), K)).containsExactly("b");
        assertThat(SmallCounts.fold(0, ordered("a", 0L, "b", 8L), K)).isEmpty();
        // all parts small and together still small: everything is grouped (the whole is then withheld by its own rule)
        assertThat(SmallCounts.fold(0, ordered("a", 1L, "b", 2L), K)).containsExactly("a", "b");
    }

    @Test
    void oneSmallCategoryAmongBigOnesCannotBeRecoveredFromTheAccountsTotal() {
        // 20 threats, 12 insults, 1 profanity: removed 33; showing THREAT and INSULT would give 33 - 32 = 1 profanity
        Figures f = one(counted("Page", ordered("THREAT", 20L, "INSULT", 12L, "PROFANITY", 1L), 27, 6));
        assertNoSmallFigure(f);
        assertThat(f.removed()).isEqualTo(33);
        assertThat(f.removedByReason()).doesNotContainKey("PROFANITY");
        assertThat(f.removedByReason()).containsEntry("THREAT", 20L).containsEntry("OTHER", 13L);
        assertThat(f.removedByReason().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(f.removed());
        assertNotSmall(f.removed() - shownExceptOther(f));
    }

    @Test
    void categoriesAtLeastKAreShownExactly() {
        Figures f = one(counted("Page", ordered("THREAT", 6L, "INSULT", 5L, "OTHER", 7L), 10, 8));
        assertThat(f.removedByReason())
                .containsExactly(Map.entry("THREAT", 6L), Map.entry("INSULT", 5L), Map.entry("OTHER", 7L));
        assertThat(f.hidden()).isEqualTo(10);
        assertThat(f.deleted()).isEqualTo(8);
    }

    @Test
    void oneSmallAccountAmongBigOnesCannotBeRecoveredFromTheTotals() {
        List<SmallCounts.Counted> accounts = List.of(
                counted("A", ordered("THREAT", 40L), 20, 20),
                counted("B", ordered("INSULT", 9L), 9, 0),
                counted("C", ordered("THREAT", 2L), 2, 0));
        SmallCounts.Published p = SmallCounts.publish(REASONS, accounts, NO_ANSWERS, K);
        Figures a = p.accounts().get(0).figures();
        Figures b = p.accounts().get(1).figures();
        Figures c = p.accounts().get(2).figures();
        assertThat(c.removed()).isNull();
        assertThat(c.removedByReason()).isNull();
        // C alone withheld: totals 51 - 40 - 9 = 2; so B (the next smallest) is withheld with it
        assertThat(b.removed()).isNull();
        assertThat(a.removed()).isEqualTo(40);
        assertThat(p.totals().removed()).isEqualTo(51);
        long published = p.accounts().stream()
                .map(x -> x.figures().removed())
                .filter(x -> x != null)
                .mapToLong(Long::longValue)
                .sum();
        assertNotSmall(p.totals().removed() - published);
        // per reason, the totals add up what the accounts show: THREAT 40 (not 42, which would give C's 2 away)
        assertThat(p.totals().removedByReason()).containsEntry("THREAT", 40L).containsEntry("OTHER", 11L);
        p.accounts().forEach(x -> assertNoSmallFigure(x.figures()));
        assertNoSmallFigure(p.totals());
    }

    @Test
    void aCategoryGroupedInOneAccountCannotBeRecoveredFromTheTotalPerReason() {
        // A shows 30 threats; B groups its 3 threats into OTHER. A total of 33 threats would give B's 3 away.
        SmallCounts.Published p = SmallCounts.publish(
                REASONS,
                List.of(
                        counted("A", ordered("THREAT", 30L), 30, 0),
                        counted("B", ordered("THREAT", 3L, "INSULT", 10L), 13, 0)),
                NO_ANSWERS,
                K);
        Figures b = p.accounts().get(1).figures();
        assertThat(b.removedByReason()).doesNotContainKey("THREAT");
        long threatsShown = p.accounts().stream()
                .mapToLong(x -> x.figures().removedByReason().getOrDefault("THREAT", 0L))
                .sum();
        assertNotSmall(p.totals().removedByReason().get("THREAT") - threatsShown);
    }

    @Test
    void hiddenAndDeletedAreWithheldTogetherWhenEitherIsSmall() {
        // 12 removed, 10 hidden, 2 deleted: publishing hidden alone gives deleted = removed - hidden = 2
        Figures f = one(counted("Page", ordered("THREAT", 12L), 10, 2));
        assertThat(f.removed()).isEqualTo(12);
        assertThat(f.hidden()).isNull();
        assertThat(f.deleted()).isNull();
    }

    @Test
    void theTotalsHiddenAndDeletedAreWithheldWhenTheAccountsWithheldWouldFollowBySubtraction() {
        // B withholds its split (10 hidden, 2 deleted); totals hidden 30 - A's 20 would give B's 10, deleted 2
        SmallCounts.Published p = SmallCounts.publish(
                REASONS,
                List.of(counted("A", ordered("THREAT", 30L), 20, 10), counted("B", ordered("INSULT", 12L), 10, 2)),
                NO_ANSWERS,
                K);
        assertThat(p.accounts().get(0).figures().hidden()).isEqualTo(20);
        assertThat(p.accounts().get(1).figures().hidden()).isNull();
        assertThat(p.totals().removed()).isEqualTo(42);
        assertThat(p.totals().hidden()).isNull();
        assertThat(p.totals().deleted()).isNull();
    }

    @Test
    void answerFiguresAreWithheldBelowKPerAccountAndAcrossAccounts() {
        List<SmallCounts.Counted> accounts = new ArrayList<>();
        accounts.add(withAnswers("A", 40, 30, 60.0, 300.0));
        accounts.add(withAnswers("B", 8, 6, 100.0, 200.0));
        accounts.add(withAnswers("C", 3, 2, 10.0, 20.0));
        SmallCounts.Published p =
                SmallCounts.publish(REASONS, accounts, new SmallCounts.Answers(51, 38, 70.0, 290.4), K);
        Figures a = p.accounts().get(0).figures();
        Figures c = p.accounts().get(2).figures();
        assertThat(c.questions()).isNull();
        assertThat(c.answered()).isNull();
        assertThat(c.medianAnswerSeconds()).isNull();
        // C's 2 answers withheld: B (6, the next smallest) too, else 38 - 30 - 6 = 2
        assertThat(p.accounts().get(1).figures().answered()).isNull();
        assertThat(p.accounts().get(1).figures().questions()).isNull(); // 3 + 8 = 11 would be fine, but 51-40-8 = 3
        assertThat(a.questions()).isEqualTo(40);
        assertThat(a.answered()).isEqualTo(30);
        assertThat(a.medianAnswerSeconds()).isEqualTo(60);
        assertThat(a.p90AnswerSeconds()).isEqualTo(300);
        assertThat(p.totals().questions()).isEqualTo(51);
        assertThat(p.totals().answered()).isEqualTo(38);
        assertThat(p.totals().p90AnswerSeconds()).isEqualTo(290);

        SmallCounts.Published few = SmallCounts.publish(
                REASONS, List.of(withAnswers("A", 6, 4, 5.0, 9.0)), new SmallCounts.Answers(6, 4, 5.0, 9.0), K);
        assertThat(few.totals().questions()).isEqualTo(6);
        assertThat(few.totals().answered()).isNull();
        assertThat(few.totals().medianAnswerSeconds()).isNull();
        assertThat(few.totals().p90AnswerSeconds()).isNull();
    }

    @Test
    void aPeriodWithFewerThanKRemovalsInAllPublishesNoRemovalFigures() {
        SmallCounts.Published p = SmallCounts.publish(
                REASONS,
                List.of(counted("A", ordered("THREAT", 2L), 2, 0), counted("B", ordered("HATE", 1L), 0, 1)),
                NO_ANSWERS,
                K);
        assertThat(p.totals().removed()).isNull();
        assertThat(p.totals().removedByReason()).isNull();
        p.accounts().forEach(x -> assertThat(x.figures().removed()).isNull());
    }

    private static Figures one(SmallCounts.Counted c) {
        SmallCounts.Published p = SmallCounts.publish(REASONS, List.of(c), NO_ANSWERS, K);
        return p.accounts().get(0).figures();
    }

    private static SmallCounts.Counted counted(String name, Map<String, Long> byReason, long hidden, long deleted) {
        return new SmallCounts.Counted(name, "FACEBOOK", byReason, hidden, deleted, 0, 0, null, null);
    }

    private static SmallCounts.Counted withAnswers(
            String name, long questions, long answered, Double median, Double p90) {
        return new SmallCounts.Counted(name, "FACEBOOK", Map.of(), 0, 0, questions, answered, median, p90);
    }

    private static long shownExceptOther(Figures f) {
        return f.removedByReason().entrySet().stream()
                .filter(e -> !e.getKey().equals("OTHER"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private static void assertNoSmallFigure(Figures f) {
        List<Long> all = new ArrayList<>();
        if (f.removedByReason() != null) {
            all.addAll(f.removedByReason().values());
        }
        for (Long n : new Long[] {f.removed(), f.hidden(), f.deleted(), f.questions(), f.answered()}) {
            if (n != null) {
                all.add(n);
            }
        }
        all.forEach(SmallCountsTest::assertNotSmall);
    }

    private static void assertNotSmall(long n) {
        assertThat(n == 0 || n >= K).as("%d is neither 0 nor at least %d", n, K).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<T, Long> ordered(Object... kv) {
        Map<T, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((T) kv[i], (Long) kv[i + 1]);
        }
        return m;
    }
}
