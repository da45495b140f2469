package org.tingvakt.classifier.train;

import java.util.Optional;
import java.util.Set;
import org.tingvakt.classifier.Language;

/**
 * One labelled training or evaluation text.
 *
 * @param positives the head names (labels, intents, OFFENSIVE) that apply
 * @param annotated the head names this source has gold answers for; other heads do not learn from this text
 * @param group a grouping key for rotations (the YouTube video), or the source name
 * @param weight how much the example counts in training
 */
public record LabelledText(
        String id,
        String text,
        Optional<Language> lang,
        Set<String> positives,
        Set<String> annotated,
        String group,
        double weight) {}
