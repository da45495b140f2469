package org.tingvakt.classifier.rules;

/**
 * One rule that fired: the label or intent name, its score after dampening, the original-text span and the rule's id.
 *
 * @param dampened true when a negation, quotation or news cue lowered the score
 */
public record RuleHit(String name, double score, int start, int end, String rule, boolean dampened) {}
