package org.tingvakt.moderation.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The public transparency report: aggregates only. No case, comment, sender or account ids, no names of people and no
 * comment or reason text: an account is named by its public page name, a removal by its reason category. A count from 1
 * to {@code minCount - 1} is never published nor derivable from the others: such figures are grouped (a reason category
 * into OTHER) or null ("fewer than minCount").
 *
 * @param from first day (UTC) of comments counted
 * @param to last day (UTC) of comments counted, inclusive
 * @param generatedAt when the figures were computed (they are cached for a few minutes)
 * @param minCount the smallest count published: a null figure stands for fewer than this (or for a figure that would
 *     let one derive such a count from the others)
 * @param reasons the reason categories, in the order a report lists them
 * @param accounts one entry per account with anything to report
 * @param totals all accounts together
 */
public record TransparencyReport(
        LocalDate from,
        LocalDate to,
        Instant generatedAt,
        int minCount,
        List<String> reasons,
        List<AccountFigures> accounts,
        Figures totals) {

    /** One account's figures under its public name and platform. */
    public record AccountFigures(String account, String platform, Figures figures) {}

    /**
     * A null figure (left out of the JSON) is withheld: fewer than {@code minCount}, or one that would let a reader derive such a count.
     *
     * @param removedByReason removed comments (hidden or deleted) per reason category; categories with fewer than
     *     minCount (and, where needed, the next smallest) are counted in OTHER, categories without any left out; in the
     *     totals, the categories the accounts show added up, the rest in OTHER; null when removed is withheld
     * @param removed all removed comments
     * @param hidden of which hidden (or hidden on their way to deletion); null together with deleted
     * @param deleted of which deleted
     * @param questions comments asking a question (intent QUESTION)
     * @param answered questions with a reply the platform confirms: the page's own reply seen on the platform, or a reply
     *     Tingvakt posted that the platform accepted (a refused or failed reply is no answer)
     * @param medianAnswerSeconds median time from a question's arrival to its first such reply, over answered questions;
     *     null when none or withheld
     * @param p90AnswerSeconds 90th percentile of that time; null when none or withheld
     * @param responded deprecated, the same as answered: kept for clients of API 1.0, which counted any moderator's
     *     first action; gone in 2.0
     * @param medianResponseSeconds deprecated, the same as medianAnswerSeconds; gone in 2.0
     * @param p90ResponseSeconds deprecated, the same as p90AnswerSeconds; gone in 2.0
     */
    public record Figures(
            Map<String, Long> removedByReason,
            Long removed,
            Long hidden,
            Long deleted,
            Long questions,
            Long answered,
            Long medianAnswerSeconds,
            Long p90AnswerSeconds,
            Long responded,
            Long medianResponseSeconds,
            Long p90ResponseSeconds) {

        static Figures of(
                Map<String, Long> removedByReason,
                Long removed,
                Long hidden,
                Long deleted,
                Long questions,
                Long answered,
                Long medianAnswerSeconds,
                Long p90AnswerSeconds) {
            return new Figures(
                    removedByReason,
                    removed,
                    hidden,
                    deleted,
                    questions,
                    answered,
                    medianAnswerSeconds,
                    p90AnswerSeconds,
                    answered,
                    medianAnswerSeconds,
                    p90AnswerSeconds);
        }
    }
}
