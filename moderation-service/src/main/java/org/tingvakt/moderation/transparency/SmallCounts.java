package org.tingvakt.moderation.transparency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tingvakt.moderation.transparency.TransparencyReport.AccountFigures;
import org.tingvakt.moderation.transparency.TransparencyReport.Figures;

/**
 * The small-count rule of the public report, without Quarkus or a database: no published count lies in 1..k-1, and none
 * can be derived from the others by subtraction, so that no single removal can be traced to a person.
 *
 * <p>One rule for both levels ({@link #fold}): reason categories within an account (grouped into OTHER) and accounts
 * within the totals (their figures withheld). A part below k joins the group; while the group is then still in 1..k-1,
 * the smallest part still shown joins it too. So the whole minus the shown parts (the group) is 0 or at least k.
 */
final class SmallCounts {
    static final String OTHER = "OTHER";

    private SmallCounts() {}

    /** One account's figures as counted, before the rule. {@code removedByReason} holds OTHER as counted. */
    record Counted(
            String account,
            String platform,
            Map<String, Long> removedByReason,
            long hidden,
            long deleted,
            long questions,
            long answered,
            Double medianAnswerSeconds,
            Double p90AnswerSeconds) {
        long removed() {
            return hidden + deleted;
        }
    }

    /** Answer figures over all accounts (percentiles cannot be added up from the accounts' figures). */
    record Answers(long questions, long answered, Double medianAnswerSeconds, Double p90AnswerSeconds) {}

    /**
     * The parts that join the group: those in 1..k-1, then the smallest others (ties: in the map's order) while the
     * group ({@code grouped} plus the joined parts) is in 1..k-1. Parts of 0 never join (they add nothing).
     */
    static <K> Set<K> fold(long grouped, Map<K, Long> parts, int k) {
        Set<K> joined = new LinkedHashSet<>();
        long group = grouped;
        List<Map.Entry<K, Long>> rest = new ArrayList<>();
        for (Map.Entry<K, Long> e : parts.entrySet()) {
            if (small(e.getValue(), k)) {
                joined.add(e.getKey());
                group += e.getValue();
            } else if (e.getValue() > 0) {
                rest.add(e);
            }
        }
        rest.sort(Comparator.comparingLong(Map.Entry::getValue)); // stable: ties keep the map's order
        for (int i = 0; small(group, k) && i < rest.size(); i++) {
            joined.add(rest.get(i).getKey());
            group += rest.get(i).getValue();
        }
        return joined;
    }

    /** In 1..k-1: a count that must not be published nor be derivable. */
    static boolean small(long n, int k) {
        return n > 0 && n < k;
    }

    /**
     * The published figures: per account and the totals. Totals per reason add up the categories the accounts show, so
     * that a total minus the accounts' figures cannot give back a category an account grouped into OTHER.
     */
    static Published publish(List<String> reasons, List<Counted> accounts, Answers all, int k) {
        Map<Integer, Long> removed = new LinkedHashMap<>();
        Map<Integer, Long> questions = new LinkedHashMap<>();
        Map<Integer, Long> answered = new LinkedHashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            removed.put(i, accounts.get(i).removed());
            questions.put(i, accounts.get(i).questions());
            answered.put(i, accounts.get(i).answered());
        }
        Set<Integer> noRemovals = fold(0, removed, k);
        Set<Integer> noQuestions = fold(0, questions, k);
        Set<Integer> noAnswers = fold(0, answered, k);

        List<AccountFigures> out = new ArrayList<>();
        Map<String, Long> totalByReason = new LinkedHashMap<>();
        long totalRemoved = 0;
        long totalHidden = 0;
        long totalDeleted = 0;
        long withheldHidden = 0;
        long withheldDeleted = 0;
        for (int i = 0; i < accounts.size(); i++) {
            Counted c = accounts.get(i);
            totalRemoved += c.removed();
            totalHidden += c.hidden();
            totalDeleted += c.deleted();
            Map<String, Long> byReason = null;
            Long hidden = null;
            Long deleted = null;
            if (!noRemovals.contains(i)) {
                byReason = categories(reasons, c.removedByReason(), c.removed(), k);
                byReason.forEach((r, n) -> {
                    if (!OTHER.equals(r)) {
                        totalByReason.merge(r, n, Long::sum);
                    }
                });
                if (!small(c.hidden(), k) && !small(c.deleted(), k)) {
                    hidden = c.hidden();
                    deleted = c.deleted();
                }
            }
            if (hidden == null) {
                withheldHidden += c.hidden();
                withheldDeleted += c.deleted();
            }
            boolean answers = !noAnswers.contains(i);
            out.add(new AccountFigures(
                    c.account(),
                    c.platform(),
                    Figures.of(
                            byReason,
                            byReason == null ? null : c.removed(),
                            hidden,
                            deleted,
                            noQuestions.contains(i) ? null : c.questions(),
                            answers ? c.answered() : null,
                            answers ? seconds(c.medianAnswerSeconds()) : null,
                            answers ? seconds(c.p90AnswerSeconds()) : null)));
        }

        Map<String, Long> totalsByReason = null;
        Long removedTotal = null;
        Long hiddenTotal = null;
        Long deletedTotal = null;
        if (!small(totalRemoved, k)) {
            removedTotal = totalRemoved;
            totalsByReason = new LinkedHashMap<>();
            long shown = 0;
            for (String r : reasons) {
                Long n = totalByReason.get(r);
                if (n != null && n > 0) {
                    totalsByReason.put(r, n);
                    shown += n;
                }
            }
            if (totalRemoved - shown > 0) {
                totalsByReason.put(OTHER, totalRemoved - shown);
            }
            if (!small(totalHidden, k)
                    && !small(totalDeleted, k)
                    && !small(withheldHidden, k)
                    && !small(withheldDeleted, k)) {
                hiddenTotal = totalHidden;
                deletedTotal = totalDeleted;
            }
        }
        boolean answers = !small(all.answered(), k);
        Figures totals = Figures.of(
                totalsByReason,
                removedTotal,
                hiddenTotal,
                deletedTotal,
                small(all.questions(), k) ? null : all.questions(),
                answers ? all.answered() : null,
                answers ? seconds(all.medianAnswerSeconds()) : null,
                answers ? seconds(all.p90AnswerSeconds()) : null);
        return new Published(List.copyOf(out), totals);
    }

    /** The report's part the rule decides. */
    record Published(List<AccountFigures> accounts, Figures totals) {}

    /** One account's categories in the report's order: the small ones (and the smallest others if needed) in OTHER. */
    private static Map<String, Long> categories(List<String> reasons, Map<String, Long> counted, long removed, int k) {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String r : reasons) {
            Long n = counted.get(r);
            if (!OTHER.equals(r) && n != null && n > 0) {
                parts.put(r, n);
            }
        }
        Set<String> joined = fold(counted.getOrDefault(OTHER, 0L), parts, k);
        Map<String, Long> out = new LinkedHashMap<>();
        long shown = 0;
        for (Map.Entry<String, Long> e : parts.entrySet()) {
            if (!joined.contains(e.getKey())) {
                out.put(e.getKey(), e.getValue());
                shown += e.getValue();
            }
        }
        if (removed - shown > 0) {
            out.put(OTHER, removed - shown);
        }
        return out;
    }

    private static Long seconds(Double s) {
        return s == null ? null : Math.round(s);
    }
}
