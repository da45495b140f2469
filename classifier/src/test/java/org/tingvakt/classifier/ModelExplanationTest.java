package org.tingvakt.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.model.FeatureExtractor;
import org.tingvakt.classifier.model.LinearModel;
import org.tingvakt.classifier.normalise.TextNormaliser;
import org.tingvakt.classifier.train.Datasets;

/** Spans of labels that only the model fired point at the words whose features drove the score. */
class ModelExplanationTest {

    private static final List<String> HEADS = Datasets.ALL_HEADS;

    /** A model whose OFFENSIVE and THREAT heads always fire and whose THREAT head weighs only the given words. */
    private static Classifier withThreatWords(String[] words, float[] weights) {
        int k = HEADS.size();
        float[] w = new float[FeatureExtractor.BUCKETS * k];
        int threat = HEADS.indexOf("THREAT");
        for (int i = 0; i < words.length; i++) {
            String t = TextNormaliser.fold(words[i]).text();
            int bucket = FeatureExtractor.wordBucket(t, 1, t.length() - 1);
            w[bucket * k + threat] = weights[i];
        }
        float[] bias = new float[k];
        float[] thresholds = new float[k];
        for (int h = 0; h < k; h++) {
            bias[h] = HEADS.get(h).equals("OFFENSIVE") || h == threat ? 5f : -10f;
            thresholds[h] = 0.5f;
        }
        return Classifier.withModel(new LinearModel(HEADS, w, bias, thresholds));
    }

    private static List<String> threatSpans(Classification c, String text) {
        return c.spans().stream()
                .filter(s -> s.label().equals("THREAT"))
                .map(s -> s.rule() + ":" + text.substring(s.start(), s.end()))
                .toList();
    }

    @Test
    void spansCoverTheHeaviestWordsAndMergeNeighbours() {
        Classifier c = withThreatWords(new String[] {"store", "bil", "grønne"}, new float[] {3f, 2.5f, 1f});
        String text = "Der står en store bil ved den grønne park";
        Classification r = c.classify(text, Optional.of(Language.DA));
        assertTrue(r.labels().contains(Label.THREAT), r::toString);
        // "store" and "bil" both carry at least half the top weight and are neighbours: one phrase; "grønne" (a third)
        // is
        // not part of the explanation.
        assertEquals(List.of("model.threat:store bil"), threatSpans(r, text));
    }

    @Test
    void spansAreSeparateWhenTheHeavyWordsAreApart() {
        Classifier c = withThreatWords(new String[] {"knuse", "ruderne", "tirsdag"}, new float[] {4f, 2.5f, -3f});
        String text = "Vi vil knuse alle de gamle ruderne på tirsdag";
        Classification r = c.classify(text, Optional.of(Language.DA));
        assertEquals(List.of("model.threat:knuse", "model.threat:ruderne"), threatSpans(r, text));
    }

    @Test
    void aThreatPointsAtTheThreateningWordsNotAtThePlace() {
        String text = "Jeg vil slå borgmesteren ihjel. Hvornår er han på rådhuset?";
        Classification r = Classifier.load().classify(text);
        assertTrue(r.labels().contains(Label.THREAT), r::toString);
        List<Span> spans =
                r.spans().stream().filter(s -> s.label().equals("THREAT")).toList();
        assertFalse(spans.isEmpty());
        int place = text.indexOf("rådhuset");
        int kill = text.indexOf("ihjel");
        for (Span s : spans) {
            assertFalse(s.start() < place + "rådhuset".length() && s.end() > place, () -> "span on the place: " + r);
        }
        assertTrue(spans.stream().anyMatch(s -> s.start() <= kill && s.end() >= kill + "ihjel".length()), r::toString);
    }
}
