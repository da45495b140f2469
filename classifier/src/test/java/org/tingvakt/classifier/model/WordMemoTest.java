package org.tingvakt.classifier.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.eval.LatencyBenchmark;

/**
 * The per-thread word memo in {@link LinearModel#predict(String, org.tingvakt.classifier.normalise.FoldedText,
 * org.tingvakt.classifier.Language, List)} must give exactly the probabilities of the plain path (extract every feature,
 * then sum): first sight, repeat, evicted and re-entered words, words too long for a slot, and texts long enough for the
 * feature cap to bind.
 */
class WordMemoTest {

    private final LinearModel model = LinearModel.load();
    private final Classifier rules = Classifier.rulesOnly();

    private void assertSameAsPlainPath(String text) {
        Classifier.Analysis a = rules.analyse(text, Optional.empty());
        float[] plain = model.predict(a.features());
        float[] memoised = model.predict(a.text(), a.folded(), a.language(), a.hits());
        assertArrayEquals(plain, memoised, 0f, () -> "probabilities differ for a text of " + text.length() + " chars");
    }

    @Test
    void curatedCommentsScoreAsWithoutTheMemoOnFirstSightAndOnRepeat() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String f : List.of("tune", "holdout", "holdout-b", "holdout-c")) {
            try (InputStream in = Files.newInputStream(Path.of("data/curated/" + f + ".jsonl"))) {
                LatencyBenchmark.read(in, texts);
            }
        }
        assertTrue(texts.size() > 500, "curated sets not found");
        long[] before = model.wordMemoCounts();
        for (int round = 0; round < 2; round++) {
            for (String t : texts) {
                assertSameAsPlainPath(t);
            }
        }
        long[] after = model.wordMemoCounts();
        assertTrue(
                after[0] - before[0] > 2 * texts.size(),
                () -> "the memo was consulted " + (after[0] - before[0]) + " times");
        assertTrue(after[1] - before[1] > (after[0] - before[0]) / 2, "the second round should mostly hit");
    }

    @Test
    void wordsThatShareASlotEvictEachOtherWithoutMixingTheirSums() {
        // two different words whose hashes land in the same slot of the memo
        String first = "ord0";
        String second = null;
        int slot = FeatureExtractor.hash(first.toCharArray(), 0, first.length(), FeatureExtractor.WORD_SEED)
                & (WordMemo.SLOTS - 1);
        for (int i = 1; second == null; i++) {
            String w = "ord" + i;
            if ((FeatureExtractor.hash(w.toCharArray(), 0, w.length(), FeatureExtractor.WORD_SEED)
                            & (WordMemo.SLOTS - 1))
                    == slot) {
                second = w;
            }
        }
        assertNotEquals(first, second);
        String a = "du er en " + first + " og idiot";
        String b = "du er en " + second + " og idiot";
        for (String t : List.of(a, b, a, b, a)) {
            assertSameAsPlainPath(t);
        }
    }

    @Test
    void hostileAndLongTextsScoreAsWithoutTheMemo() {
        String longWord = "supercalifragilistiskekspialigodtforfærdeligtkommunalbestyrelsesmedlem";
        List<String> texts = List.of(
                "",
                " ",
                "?",
                "a",
                "idiot",
                longWord,
                longWord + " " + longWord + " idiot",
                "Ø Æ Å ø æ å ä ö ü ß ð þ",
                "i d i o t",
                "h0re l0rt 1d10t",
                "😡😡 idi😡ot f*ck",
                "𝔦𝔡𝔦𝔬𝔱 \uD800 \uDC00",
                "Кто ты такой? Ты идиот",
                "x".repeat(5000),
                "ord ".repeat(1500),
                "ab ".repeat(400) + longWord);
        for (String t : texts) {
            assertSameAsPlainPath(t);
            assertSameAsPlainPath(t);
        }
    }

    @Test
    void aLongTextTakesThePlainPathBecauseTheFeatureCapBinds() {
        assertTrue(FeatureExtractor.capCanBind(1100, 0));
        assertEquals(false, FeatureExtractor.capCanBind(300, 20));
    }
}
