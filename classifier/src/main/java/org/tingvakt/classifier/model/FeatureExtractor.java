package org.tingvakt.classifier.model;

import java.util.List;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.normalise.FoldedText;
import org.tingvakt.classifier.rules.RuleHit;

/**
 * Turns a comment into hashed sparse features: word unigrams and bigrams and character 3–4-grams of the folded text, the
 * rules that fired, the language, and a few shape cues (question mark, link, shouting). Hashing keeps the model a fixed
 * size and lets training (Tribuo) and inference (a plain dot product) share one definition.
 */
public final class FeatureExtractor {

    public static final int BITS = 18;
    public static final int BUCKETS = 1 << BITS;
    /** Character n-grams live in the lower half of the buckets, everything else (words, rules, shape) in the upper. */
    private static final int HALF = BUCKETS >>> 1;
    private static final int HALF_MASK = HALF - 1;
    /**
     * Character n-gram lengths. 3–5 gave the same DKHate fold-1 macro-F1 as 3–4 (0.791 both; 4 alone 0.779) with a third
     * fewer features, and every feature costs a memory access in the weight table: 3–4 it is.
     */
    private static final int MIN_GRAM = 3;
    private static final int MAX_GRAM = 4;
    private static final int MAX_FEATURES = 4096;

    // Fixed features hashed once (no string building per comment).
    private static final int QUESTION = word(hash("S:question", 0, -1, 0x5));
    private static final int EXCLAIM = word(hash("S:exclaim", 0, -1, 0x5));
    private static final int SHOUT = word(hash("S:shout", 0, -1, 0x5));
    private static final int LINK = word(hash("S:link", 0, -1, 0x5));
    private static final int[] LANGUAGE = new int[Language.values().length];
    private static final int[] LENGTH = new int[33];

    static {
        for (Language l : Language.values()) {
            LANGUAGE[l.ordinal()] = word(hash("L:" + l.code(), 0, -1, 0x1A));
        }
        for (int b = 0; b < LENGTH.length; b++) {
            LENGTH[b] = word(hash("S:len" + b, 0, -1, 0x5));
        }
    }

    private FeatureExtractor() {
    }

    /** Features of one comment: bucket ids (repeats allowed, each worth {@link Features#value}). */
    /**
     * @param value each feature's value for heads that see every feature (1/√count)
     * @param wordValue each feature's value for word-level heads (1/√ of the count without character n-grams), so that
     *     such a head's inputs do not depend on how many character n-grams the text has
     */
    public record Features(int[] ids, int count, float value, float wordValue) {
    }

    public static Features extract(String original, FoldedText folded, Language lang, List<RuleHit> hits) {
        return extract(original, folded, lang, hits, null);
    }

    /** Per-thread scratch for the folded text's chars (never handed out). */
    private static final ThreadLocal<char[][]> CHARS = ThreadLocal.withInitial(() -> new char[1][256]);

    /**
     * As {@link #extract(String, FoldedText, Language, List)}, writing the ids into {@code reuse} when it is given and
     * long enough (the caller must be done with the returned Features before it passes the same array again). The
     * feature cap is the same as without it, so the ids are the same. classify() passes a per-thread array: a fresh ~5 kB
     * array per call was written into newly allocated (cold) memory every time.
     */
    public static Features extract(String original, FoldedText folded, Language lang, List<RuleHit> hits, int[] reuse) {
        String t = folded.text();
        int cap = Math.min(MAX_FEATURES, t.length() * 4 + 32 + hits.size() * 2);
        int[] ids = reuse != null && reuse.length >= cap ? reuse : new int[cap];
        int n = 0;
        int prevWord = 0;
        int len = t.length();
        // the n-gram hashes read the folded text ~7 times per char: from a char[] rather than through String.charAt
        // (a per-thread array, not a new copy per call)
        char[][] holder = CHARS.get();
        char[] chars = holder[0];
        if (chars.length < len) {
            chars = new char[Math.max(len, 2 * chars.length)];
            holder[0] = chars;
        }
        t.getChars(0, len, chars, 0);
        int i = 1;
        while (i < len && n < cap - 16) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                j = len;
            }
            if (j > i) {
                int w = hash(chars, i, j, 0x51ED27);
                ids[n++] = word(w);
                if (prevWord != 0) {
                    ids[n++] = word(mix(prevWord * 31 + w, 0xB16));
                }
                prevWord = w;
                // character n-grams of " word " (the spaces mark the word's edges)
                for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
                    for (int a = i - 1; a + g <= j + 1 && n < cap - 8; a++) {
                        ids[n++] = hash(chars, a, a + g, g * 7919) & HALF_MASK;
                    }
                }
            }
            i = j + 1;
        }
        for (RuleHit h : hits) {
            if (n >= cap - 4) {
                break;
            }
            ids[n++] = word(hash(h.dampened() ? "RD:" : "R:", h.name(), 0x7011));
            ids[n++] = word(hash("RR:", h.rule(), 0x7012));
        }
        ids[n++] = LANGUAGE[lang.ordinal()];
        int letters = 0;
        int upper = 0;
        int excl = 0;
        boolean question = false;
        for (int k = 0; k < original.length() && k < 4000; k++) {
            char c = original.charAt(k);
            if (c < 0x80) {
                // ASCII fast path: the same counts without Unicode property look-ups
                if (c >= 'a' && c <= 'z') {
                    letters++;
                } else if (c >= 'A' && c <= 'Z') {
                    letters++;
                    upper++;
                } else if (c == '?') {
                    question = true;
                } else if (c == '!') {
                    excl++;
                }
            } else if (Character.isLetter(c)) {
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
            ids[n++] = QUESTION;
        }
        if (excl >= 2) {
            ids[n++] = EXCLAIM;
        }
        if (letters >= 8 && upper * 10 >= letters * 6) {
            ids[n++] = SHOUT;
        }
        if (original.contains("http") || original.contains("www.") || original.contains(".com")) {
            ids[n++] = LINK;
        }
        ids[n++] = LENGTH[32 - Integer.numberOfLeadingZeros(Math.max(1, original.length()))];
        int words = 0;
        for (int x = 0; x < n; x++) {
            if (ids[x] >= HALF) {
                words++;
            }
        }
        return new Features(ids, n, (float) (1.0 / Math.sqrt(n)), (float) (1.0 / Math.sqrt(Math.max(1, words))));
    }

    /**
     * Heads that learn from words, bigrams, rules and shape cues only, not from character n-grams. On the YouTube
     * rotations (train on three videos, test on the fourth) the ADVERTISING head with character n-grams reached 0.930 mean
     * accuracy and 0.874 on Psy, without them 0.938 and 0.914: sub-word pieces of "check", "comment", "views" tie the
     * viewers' own chatter to "check out my channel". The offensive heads keep them (evasive spellings, compounds).
     */
    public static final java.util.Set<String> WORD_LEVEL_HEADS = java.util.Set.of("ADVERTISING");

    /** Bucket of the word unigram feature for t[from, to). */
    public static int wordBucket(CharSequence t, int from, int to) {
        return word(hash(t, from, to, 0x51ED27));
    }

    /**
     * What one word of the folded text adds to a head's score before scaling: its unigram, its character n-grams and half
     * of each bigram it is part of (the other half goes to the neighbour). {@code prevFrom}/{@code nextTo} give the
     * neighbours ({@code -1} when none). Used to explain a label that only the model fired.
     */
    public static float wordContribution(CharSequence t, int from, int to, int prevFrom, int nextFrom, int nextTo,
                                         java.util.function.IntToDoubleFunction weight) {
        int w = hash(t, from, to, 0x51ED27);
        double sum = weight.applyAsDouble(word(w));
        if (prevFrom >= 0) {
            int pw = hash(t, prevFrom, from - 1, 0x51ED27);
            sum += 0.5 * weight.applyAsDouble(word(mix(pw * 31 + w, 0xB16)));
        }
        if (nextFrom >= 0) {
            int nw = hash(t, nextFrom, nextTo, 0x51ED27);
            sum += 0.5 * weight.applyAsDouble(word(mix(w * 31 + nw, 0xB16)));
        }
        for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
            for (int a = from - 1; a + g <= to + 1; a++) {
                sum += weight.applyAsDouble(hash(t, a, a + g, g * 7919) & HALF_MASK);
            }
        }
        return (float) sum;
    }

    /** Hash of the word t[from, to) as the unigram and bigram features use it. */
    public static int wordHash(CharSequence t, int from, int to) {
        return hash(t, from, to, 0x51ED27);
    }

    /**
     * The buckets {@link #wordContribution} sums for one word, in its order: the unigram, then the bigram with the
     * previous word and the one with the next word (each counted half; {@code prevHash}/{@code nextHash} 0 when there is
     * no such word), then the character n-grams. Returns how many were written into {@code out}.
     */
    public static int wordBuckets(CharSequence t, int from, int to, int wordHash, int prevHash, int nextHash, int[] out) {
        int n = 0;
        out[n++] = word(wordHash);
        if (prevHash != 0) {
            out[n++] = word(mix(prevHash * 31 + wordHash, 0xB16));
        }
        if (nextHash != 0) {
            out[n++] = word(mix(wordHash * 31 + nextHash, 0xB16));
        }
        for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
            for (int a = from - 1; a + g <= to + 1; a++) {
                out[n++] = hash(t, a, a + g, g * 7919) & HALF_MASK;
            }
        }
        return n;
    }

    /**
     * Whether a bucket holds character n-grams (lower half) rather than words, bigrams, rules or shape cues (upper half).
     * Heads that learn better from words alone (ADVERTISING: "check the views" must not look like "check out my channel"
     * because both contain "che", "chec", "check" …) skip the character n-gram buckets in training, so their weights there
     * stay zero.
     */
    public static boolean isCharGram(int bucket) {
        return bucket < HALF;
    }

    private static int word(int h) {
        return h & HALF_MASK | HALF;
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

    /** {@link #hash(CharSequence, int, int, int)} over a char array (the same arithmetic, the same values). */
    static int hash(char[] s, int from, int to, int seed) {
        int h = seed ^ 0x9747b28c;
        for (int k = from; k < to; k++) {
            h ^= s[k];
            h *= 0x01000193;
        }
        return mix(h, to - from);
    }

    /** Hash of prefix + s without building the string. */
    static int hash(String prefix, String s, int seed) {
        int h = seed ^ 0x9747b28c;
        for (int k = 0; k < prefix.length(); k++) {
            h ^= prefix.charAt(k);
            h *= 0x01000193;
        }
        for (int k = 0; k < s.length(); k++) {
            h ^= s.charAt(k);
            h *= 0x01000193;
        }
        return mix(h, prefix.length() + s.length());
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
