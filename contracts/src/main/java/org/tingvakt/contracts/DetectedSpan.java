package org.tingvakt.contracts;

/** A span of a comment's text that triggered a label or intent: offsets {@code [start, end)} and the rule that fired. */
public record DetectedSpan(String label, int start, int end, String rule) {}
