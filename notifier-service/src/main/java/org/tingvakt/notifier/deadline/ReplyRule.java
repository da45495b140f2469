package org.tingvakt.notifier.deadline;

import java.util.Locale;
import java.util.regex.Matcher;

/**
 * How an account's policy sets the first-answer deadline for a question. The text form ({@link #code()},
 * {@link #parse(String)}) is what account policies store: {@code WITHIN_24H_OR_NEXT_WORKDAY}, {@code NEXT_WORKDAY},
 * {@code BUSINESS_HOURS(8)}.
 */
public sealed interface ReplyRule
        permits ReplyRule.Within24hOrNextWorkday, ReplyRule.NextWorkday, ReplyRule.BusinessHours {

    /** The largest n accepted in {@code BUSINESS_HOURS(n)}: 250 eight-hour workdays, about a working year. */
    int MAX_BUSINESS_HOURS = 2000;

    /** The stored text form of this rule; {@code parse(rule.code())} gives the rule back. */
    String code();

    /**
     * Received + 24 elapsed hours; but the close of office hours on the first workday after the day of arrival if the
     * comment arrives on a day that is not a workday or received + 24 h falls on such a day.
     */
    record Within24hOrNextWorkday() implements ReplyRule {
        public static final String CODE = "WITHIN_24H_OR_NEXT_WORKDAY";

        @Override
        public String code() {
            return CODE;
        }
    }

    /** The close of office hours on the first workday after the day of arrival. */
    record NextWorkday() implements ReplyRule {
        public static final String CODE = "NEXT_WORKDAY";

        @Override
        public String code() {
            return CODE;
        }
    }

    /** {@code hours} hours counted only inside office hours on workdays. */
    record BusinessHours(int hours) implements ReplyRule {
        public static final String PREFIX = "BUSINESS_HOURS";

        public BusinessHours {
            if (hours < 1 || hours > MAX_BUSINESS_HOURS) {
                throw new IllegalArgumentException("BUSINESS_HOURS needs a whole number of hours from 1 to "
                        + MAX_BUSINESS_HOURS + ", got " + hours);
            }
        }

        @Override
        public String code() {
            return PREFIX + "(" + hours + ")";
        }
    }

    ReplyRule WITHIN_24H_OR_NEXT_WORKDAY = new Within24hOrNextWorkday();
    ReplyRule NEXT_WORKDAY = new NextWorkday();

    /**
     * Reads a rule's text form. Surrounding blanks and letter case are ignored.
     *
     * @throws IllegalArgumentException saying what was expected, for null, blank or unknown input and for an
     *                                  hour count outside 1..{@value #MAX_BUSINESS_HOURS}
     */
    static ReplyRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Reply rule is missing: expected " + ReplyRuleSyntax.EXPECTED);
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (code.equals(Within24hOrNextWorkday.CODE)) {
            return WITHIN_24H_OR_NEXT_WORKDAY;
        }
        if (code.equals(NextWorkday.CODE)) {
            return NEXT_WORKDAY;
        }
        Matcher m = ReplyRuleSyntax.BUSINESS_HOURS.matcher(code);
        if (m.matches()) {
            String digits = m.group(1);
            // More digits than an int holds cannot be in range anyway; say so instead of failing in parseInt.
            if (digits.length() > 5) {
                throw new IllegalArgumentException("BUSINESS_HOURS needs a whole number of hours from 1 to "
                        + MAX_BUSINESS_HOURS + ", got " + digits);
            }
            return new BusinessHours(Integer.parseInt(digits));
        }
        throw new IllegalArgumentException("Unknown reply rule '" + text + "': expected " + ReplyRuleSyntax.EXPECTED);
    }
}
