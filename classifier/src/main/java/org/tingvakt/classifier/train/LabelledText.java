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
 * @param kind the curated row's optional {@code "kind"} (e.g. {@code public_contact}, {@code criticism}), or ""
 */
public record LabelledText(
        String id,
        String text,
        Optional<Language> lang,
        Set<String> positives,
        Set<String> annotated,
        String group,
        double weight,
        String kind) {

    public LabelledText(
            String id,
            String text,
            Optional<Language> lang,
            Set<String> positives,
            Set<String> annotated,
            String group,
            double weight) {
        this(id, text, lang, positives, annotated, group, weight, "");
    }
}
