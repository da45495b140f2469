package org.tingvakt.classifier.model;

import java.util.List;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.normalise.FoldedText;
import org.tingvakt.classifier.rules.RuleHit;

/**
 * Turns a comment into hashed sparse features: word unigrams and bigrams and character 3–5-grams of the folded text, the
 * rules that fired, the language, and a few shape cues (question mark, link, shouting). Hashing keeps the model a fixed
 * size and lets training (Tribuo) and inference (a plain dot product) share one definition.
 */
public final class FeatureExtractor {

    public static final int BITS = 18;
    public static final int BUCKETS = 1 << BITS;
    private static final int MASK = BUCKETS - 1;
    private static final int MAX_FEATURES = 4096;

    private FeatureExtractor() {
    }

    /** Features of one comment: bucket ids (repeats allowed, each worth {@link Features#value}). */
    public record Features(int[] ids, int count, float value) {
    }

    public static Features extract(String original, FoldedText folded, Language lang, List<RuleHit> hits) {
        String t = folded.text();
        int[] ids = new int[Math.min(MAX_FEATURES, t.length() * 4 + 32 + hits.size() * 2)];
        int n = 0;
        int prevWord = 0;
        int len = t.length();
        int i = 1;
        while (i < len && n < ids.length - 16) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                j = len;
            }
            if (j > i) {
                int w = hash(t, i, j, 0x51ED27);
                ids[n++] = w & MASK;
                if (prevWord != 0) {
                    ids[n++] = mix(prevWord * 31 + w, 0xB16) & MASK;
                }
                prevWord = w;
                // character n-grams of " word " (the spaces mark the word's edges)
                for (int g = 3; g <= 5; g++) {
                    for (int a = i - 1; a + g <= j + 1 && n < ids.length - 8; a++) {
                        ids[n++] = hash(t, a, a + g, g * 7919) & MASK;
                    }
                }
            }
            i = j + 1;
        }
        for (RuleHit h : hits) {
            if (n >= ids.length - 4) {
                break;
            }
            ids[n++] = hash(h.dampened() ? "RD:" + h.name() : "R:" + h.name(), 0, -1, 0x7011) & MASK;
            ids[n++] = hash("RR:" + h.rule(), 0, -1, 0x7012) & MASK;
        }
        ids[n++] = hash("L:" + lang.code(), 0, -1, 0x1A) & MASK;
        int letters = 0;
        int upper = 0;
        int excl = 0;
        boolean question = false;
        for (int k = 0; k < original.length() && k < 4000; k++) {
            char c = original.charAt(k);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) {
                    upper++;
                }
            } else if (c == '?') {
                question = true;
            } else if (c == '!') {
                excl++;
            }
        }
        if (question) {
            ids[n++] = hash("S:question", 0, -1, 0x5) & MASK;
        }
        if (excl >= 2) {
            ids[n++] = hash("S:exclaim", 0, -1, 0x5) & MASK;
        }
        if (letters >= 8 && upper * 10 >= letters * 6) {
            ids[n++] = hash("S:shout", 0, -1, 0x5) & MASK;
        }
        if (original.contains("http") || original.contains("www.") || original.contains(".com")) {
            ids[n++] = hash("S:link", 0, -1, 0x5) & MASK;
        }
        ids[n++] = hash("S:len" + (32 - Integer.numberOfLeadingZeros(Math.max(1, original.length()))), 0, -1, 0x5) & MASK;
        return new Features(ids, n, (float) (1.0 / Math.sqrt(n)));
    }

    /** Bucket of the word unigram feature for t[from, to). */
    public static int wordBucket(CharSequence t, int from, int to) {
        return hash(t, from, to, 0x51ED27) & MASK;
    }

    /** Hash of s[from, to) (to = -1: whole string), seeded; no allocation. */
    static int hash(CharSequence s, int from, int to, int seed) {
        int end = to < 0 ? s.length() : to;
        int h = seed ^ 0x9747b28c;
        for (int k = from; k < end; k++) {
            h ^= s.charAt(k);
            h *= 0x01000193;
        }
        return mix(h, end - from);
    }

    private static int mix(int h, int salt) {
        h ^= salt;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h == 0 ? 1 : h;
    }
}
