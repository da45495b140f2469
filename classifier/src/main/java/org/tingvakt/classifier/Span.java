package org.tingvakt.classifier;

/**
 * The part of the original text that made a label or intent fire: character offsets {@code [start, end)} into the text as
 * received, and the rule or model that fired, so a moderator sees why.
 */
public record Span(String label, int start, int end, String rule) {}
