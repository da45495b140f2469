package org.tingvakt.notifier.deadline;

import java.util.regex.Pattern;

/** The text syntax of {@link ReplyRule#parse(String)}, kept out of the public interface. */
final class ReplyRuleSyntax {
    static final Pattern BUSINESS_HOURS = Pattern.compile("BUSINESS_HOURS\\((\\d+)\\)");
    static final String EXPECTED = ReplyRule.Within24hOrNextWorkday.CODE + ", " + ReplyRule.NextWorkday.CODE
            + " or BUSINESS_HOURS(n) with n from 1 to " + ReplyRule.MAX_BUSINESS_HOURS;

    private ReplyRuleSyntax() {}
}
