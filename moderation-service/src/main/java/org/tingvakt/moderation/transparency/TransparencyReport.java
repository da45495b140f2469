package org.tingvakt.moderation.transparency;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The public transparency report: aggregates only. No case, comment, sender or account ids, no names of people and no
 * comment or reason text: an account is named by its public page name, a removal by its reason category.
 *
 * @param from first day (UTC) of comments counted
 * @param to last day (UTC) of comments counted, inclusive
 * @param generatedAt when the figures were computed (they are cached for a few minutes)
 * @param reasons the reason categories, in the order a report lists them
 * @param accounts one entry per account with anything to report
 * @param totals all accounts together
 */
public record TransparencyReport(
        LocalDate from,
        LocalDate to,
        Instant generatedAt,
        List<String> reasons,
        List<AccountFigures> accounts,
        Figures totals) {

    /** One account's figures under its public name and platform. */
    public record AccountFigures(String account, String platform, Figures figures) {}

    /**
     * @param removedByReason removed comments (hidden or deleted) per reason category; categories without any left out
     * @param removed all removed comments
     * @param hidden of which hidden (or hidden on their way to deletion)
     * @param deleted of which deleted
     * @param responded comments a moderator acted on
     * @param medianResponseSeconds median time from arrival to the first moderator action; null when none
     * @param p90ResponseSeconds 90th percentile of that time; null when none
     */
    public record Figures(
            Map<String, Long> removedByReason,
            long removed,
            long hidden,
            long deleted,
            long responded,
            Long medianResponseSeconds,
            Long p90ResponseSeconds) {}
}
