package org.tingvakt.notifier.deadline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyRuleTest {

    @Test
    void parsesTheThreeForms() {
        assertEquals(new ReplyRule.Within24hOrNextWorkday(), ReplyRule.parse("WITHIN_24H_OR_NEXT_WORKDAY"));
        assertEquals(new ReplyRule.NextWorkday(), ReplyRule.parse("NEXT_WORKDAY"));
        assertEquals(new ReplyRule.BusinessHours(8), ReplyRule.parse("BUSINESS_HOURS(8)"));
        assertEquals(
                new ReplyRule.BusinessHours(ReplyRule.MAX_BUSINESS_HOURS),
                ReplyRule.parse("BUSINESS_HOURS(" + ReplyRule.MAX_BUSINESS_HOURS + ")"));
    }

    @Test
    void ignoresCaseAndSurroundingBlanks() {
        assertEquals(ReplyRule.NEXT_WORKDAY, ReplyRule.parse("  next_workday\n"));
        assertEquals(new ReplyRule.BusinessHours(1), ReplyRule.parse("business_hours(1)"));
    }

    @Test
    void codeGivesTheParsedFormBack() {
        for (String code :
                new String[] {"WITHIN_24H_OR_NEXT_WORKDAY", "NEXT_WORKDAY", "BUSINESS_HOURS(8)", "BUSINESS_HOURS(40)"
                }) {
            ReplyRule rule = ReplyRule.parse(code);
            assertEquals(code, rule.code());
            assertEquals(rule, ReplyRule.parse(rule.code()));
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "   ",
                "WITHIN_24H",
                "NEXT WORKDAY",
                "NEXT_WORKDAYS",
                "BUSINESS_HOURS",
                "BUSINESS_HOURS()",
                "BUSINESS_HOURS(x)",
                "BUSINESS_HOURS(8",
                "BUSINESS_HOURS 8",
                "BUSINESS_HOURS(8.5)",
                "BUSINESS_HOURS(-1)",
                "BUSINESS_HOURS(+8)",
                "BUSINESS_HOURS( 8 )",
                "NEXT_WORKDAY;BUSINESS_HOURS(8)"
            })
    void rejectsMalformedInputNamingTheAcceptedForms(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplyRule.parse(input));
        assertTrue(
                e.getMessage().contains("WITHIN_24H_OR_NEXT_WORKDAY, NEXT_WORKDAY or BUSINESS_HOURS(n)"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BUSINESS_HOURS(0)", "BUSINESS_HOURS(2001)", "BUSINESS_HOURS(99999999999999999999)"})
    void rejectsHourCountsOutOfRangeNamingTheRange(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplyRule.parse(input));
        assertTrue(e.getMessage().contains("from 1 to 2000"), e.getMessage());
    }

    @Test
    void businessHoursRecordChecksItsRangeToo() {
        assertThrows(IllegalArgumentException.class, () -> new ReplyRule.BusinessHours(0));
        assertThrows(IllegalArgumentException.class, () -> new ReplyRule.BusinessHours(-8));
    }
}
