package org.tingvakt.contracts;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The account's promise to answer, as the account register holds it; carried on {@link CommentClassified} so that the
 * notifier computes deadlines without reading the moderation service's tables.
 *
 * @param country DK, SE, NO or FI: the public-holiday calendar
 * @param zone an IANA zone id, for example Europe/Oslo
 * @param rule WITHIN_24H_OR_NEXT_WORKDAY, NEXT_WORKDAY or BUSINESS_HOURS(n)
 * @param extraClosedDays days the account's offices are closed beyond the country calendar
 */
public record ReplyPolicy(
        String country,
        String zone,
        String rule,
        LocalTime officeOpen,
        LocalTime officeClose,
        List<LocalDate> extraClosedDays) {}
