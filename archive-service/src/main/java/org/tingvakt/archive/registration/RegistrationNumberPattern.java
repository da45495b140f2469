package org.tingvakt.archive.registration;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registration (journal/diary) number pattern such as {@code KS-{year}-{number:5}} → {@code KS-2026-00042}.
 * Placeholders: {@code {year}}, {@code {yy}} (two digits, as in {@code 26/00042}), {@code {number}} or
 * {@code {number:N}} (zero-padded to N digits), {@code {account}}.
 * Hand-written: four placeholders do not justify a template engine, and the pattern must be validated when it is set.
 */
public record RegistrationNumberPattern(String pattern) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(year|yy|account|number(?::([1-9]))?)}");
    private static final Pattern ANY_BRACE = Pattern.compile("[{}]");

    public RegistrationNumberPattern {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.isBlank() || pattern.length() > 64) {
            throw new IllegalArgumentException("a registration pattern has 1 to 64 characters");
        }
        if (!pattern.contains("{number")) {
            throw new IllegalArgumentException("a registration pattern must contain {number} or {number:N}");
        }
        if (ANY_BRACE.matcher(PLACEHOLDER.matcher(pattern).replaceAll("")).find()) {
            throw new IllegalArgumentException(
                    "unknown placeholder in registration pattern; use {year}, {yy}, {account}, {number:N}");
        }
    }

    public String format(String accountId, int year, int number) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1).equals("year")) {
                value = Integer.toString(year);
            } else if (m.group(1).equals("yy")) {
                value = String.format("%02d", Math.floorMod(year, 100));
            } else if (m.group(1).equals("account")) {
                value = accountId;
            } else {
                int width = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                value = String.format("%0" + width + "d", number);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
