package org.tingvakt.classifier;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classifier's verdict on one text.
 *
 * @param language the detected (or given) language
 * @param labels every label whose score passed its threshold
 * @param intents the intents found (question, complaint, political)
 * @param scores a score in 0..1 per label or intent name that was considered
 * @param spans the spans of the original text that triggered labels and intents
 */
public record Classification(
        Language language, Set<Label> labels, Set<Intent> intents, Map<String, Double> scores, List<Span> spans) {
    public Classification {
        labels = Set.copyOf(labels);
        intents = Set.copyOf(intents);
        scores = Map.copyOf(scores);
        spans = List.copyOf(spans);
    }
}
