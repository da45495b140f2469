package org.tingvakt.classifier;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labels a comment. Thread-safe; create once with {@link #load()} and share.
 *
 * <p>This first version knows only question marks and a handful of words; the classifier issue replaces the inside while
 * keeping this API.
 */
public final class Classifier {

    private static final Pattern QUESTION = Pattern.compile("\\?");
    private static final Pattern THREAT = Pattern.compile("(?iu)\\b(dræbe|drepe|döda|kill)\\b");

    private Classifier() {
    }

    public static Classifier load() {
        return new Classifier();
    }

    public Classification classify(String text) {
        return classify(text, Optional.empty());
    }

    public Classification classify(String text, Optional<Language> languageHint) {
        Set<Label> labels = EnumSet.noneOf(Label.class);
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        Map<String, Double> scores = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        Matcher threat = THREAT.matcher(text);
        if (threat.find()) {
            labels.add(Label.THREAT);
            scores.put(Label.THREAT.name(), 0.9);
            spans.add(new Span(Label.THREAT.name(), threat.start(), threat.end(), "seed-threat-words"));
        }
        Matcher question = QUESTION.matcher(text);
        if (question.find()) {
            intents.add(Intent.QUESTION);
            scores.put(Intent.QUESTION.name(), 0.8);
            spans.add(new Span(Intent.QUESTION.name(), question.start(), question.end(), "question-mark"));
        }
        return new Classification(languageHint.orElse(Language.OTHER), labels, intents, scores, spans);
    }
}
