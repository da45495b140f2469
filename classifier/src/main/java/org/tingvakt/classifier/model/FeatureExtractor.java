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

    /** Per ASCII char: 1 letter, 2 capital (with 1), 4 '?', 8 '!'. */
    private static final byte[] SHAPE = new byte[0x80];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            SHAPE[c] = 1;
            SHAPE[Character.toUpperCase(c)] = 3;
        }
        SHAPE['?'] = 4;
        SHAPE['!'] = 8;
        for (Language l : Language.values()) {
            LANGUAGE[l.ordinal()] = word(hash("L:" + l.code(), 0, -1, 0x1A));
        }
        for (int b = 0; b < LENGTH.length; b++) {
            LENGTH[b] = word(hash("S:len" + b, 0, -1, 0x5));
        }
    }

    /**
     * Function-word classes whose co-occurrence anywhere in a comment marks a frame that word bigrams (adjacent words
     * only) miss: a condition addressed to someone with a future ("hvis I lukker skolen, så skal I …"), "we know where
     * you live", a request with a wh-word but no question mark ("skriv gerne hvornår …"), a complaint's "still not …
     * again". The words are function words of each language in folded spelling (å → a, ä → a, ø/ö → o), not phrases of
     * the training data; each class present is a feature, and so is each pair of classes present.
     */
    private static final String[][] CUE_CLASSES = {
        {"hvis", "viss", "dersom", "ifall", "if", "om", "unless", "medmindre"},
        {
            "du",
            "dig",
            "deg",
            "dere",
            "dykk",
            "dykkar",
            "jer",
            "jeres",
            "ni",
            "you",
            "your",
            "yourself",
            "din",
            "dit",
            "ditt",
            "dine",
            "dina",
            "di"
        },
        {"skal", "ska", "skall", "vil", "ville", "kommer", "will", "gonna", "shall", "skulle", "sku"},
        {"vi", "me", "we", "os", "oss", "us", "our", "vores"},
        {
            "ved", "vet", "veit", "know", "knows", "finde", "finna", "hitta", "finne", "find", "kender", "kanner",
            "kjenner", "kjem", "komme"
        },
        {"hvor", "kvar", "where", "adresse", "adress", "address", "bor", "bur", "lives", "hjem", "hem", "heim", "home"},
        {
            "undrer",
            "undrar",
            "lurer",
            "lurar",
            "wonder",
            "gerne",
            "garna",
            "gjerne",
            "gjerna",
            "please",
            "venligst",
            "vennligst",
            "vanligen",
            "skriv",
            "send",
            "giv",
            "gi",
            "ge",
            "let",
            "informer",
            "oplys",
            "fortal",
            "berata",
            "fortell",
            "tell",
            "meddel",
            "meld",
            "svar",
            "svara",
            "answer"
        },
        {
            "hvornar", "hvordan", "hvilken", "hvilke", "hvilket", "hvad", "hvorfor", "nar", "hur", "vad", "vilken",
            "vilket", "vilka", "varfor", "hvem", "vem", "kven", "kva", "hva", "korleis", "kor", "kvifor", "how", "when",
            "what", "which", "why", "who"
        },
        {
            "ikke",
            "inte",
            "ikkje",
            "not",
            "ingen",
            "inga",
            "ingenting",
            "aldrig",
            "aldri",
            "never",
            "nothing",
            "no",
            "nej",
            "nei"
        },
        {
            "igen",
            "igjen",
            "atter",
            "stadig",
            "fortsatt",
            "fortfarande",
            "still",
            "again",
            "endnu",
            "enno",
            "annu",
            "altid",
            "alltid",
            "always",
            "hele",
            "heile",
            "hela",
            "gang",
            "gangen",
            "gongen",
            "uger",
            "veckor",
            "uker",
            "veker",
            "weeks",
            "maneder",
            "manader",
            "months"
        }
    };

    /** The most cue features a comment can have: every class and every pair. */
    private static final int CUE_FEATURES = CUE_CLASSES.length * (CUE_CLASSES.length + 1) / 2;

    private static final int CUE_TABLE = 1024;
    private static final int[] CUE_KEY = new int[CUE_TABLE];
    private static final short[] CUE_BITS = new short[CUE_TABLE];
    private static final int[] CUE_ONE = new int[CUE_CLASSES.length];
    private static final int[][] CUE_TWO = new int[CUE_CLASSES.length][CUE_CLASSES.length];

    static {
        for (int c = 0; c < CUE_CLASSES.length; c++) {
            for (String w : CUE_CLASSES[c]) {
                int h = hash(w, 0, -1, FeatureExtractor.WORD_SEED);
                int slot = h & (CUE_TABLE - 1);
                while (CUE_KEY[slot] != 0 && CUE_KEY[slot] != h) {
                    slot = (slot + 1) & (CUE_TABLE - 1);
                }
                CUE_KEY[slot] = h;
                CUE_BITS[slot] |= (short) (1 << c);
            }
            CUE_ONE[c] = word(hash("C1:" + c, 0, -1, 0xC0E));
            for (int d = c + 1; d < CUE_CLASSES.length; d++) {
                CUE_TWO[c][d] = word(hash("C2:" + c + ":" + d, 0, -1, 0xC0E));
            }
        }
    }

    /** {@code -Dtingvakt.classifier.cues=false}: no cue features (to train and measure a model without them). */
    private static final boolean CUES = !"false".equals(System.getProperty("tingvakt.classifier.cues"));

    /** The cue classes (a bit each) of the word with this {@link #WORD_SEED} hash; 0 for most words. */
    static int cue(int wordHash) {
        if (!CUES) {
            return 0;
        }
        int slot = wordHash & (CUE_TABLE - 1);
        while (true) {
            int k = CUE_KEY[slot];
            if (k == wordHash) {
                return CUE_BITS[slot];
            }
            if (k == 0) {
                return 0;
            }
            slot = (slot + 1) & (CUE_TABLE - 1);
        }
    }

    private FeatureExtractor() {}

    /** Features of one comment: bucket ids (repeats allowed, each worth {@link Features#value}). */
    /**
     * @param value each feature's value for heads that see every feature (1/√count)
     * @param wordValue each feature's value for word-level heads (1/√ of the count without character n-grams), so that
     *     such a head's inputs do not depend on how many character n-grams the text has
     */
    public record Features(int[] ids, int count, float value, float wordValue) {}

    public static Features extract(String original, FoldedText folded, Language lang, List<RuleHit> hits) {
        String t = folded.text();
        int cap = Math.min(MAX_FEATURES, t.length() * 4 + 32 + CUE_FEATURES + hits.size() * 2);
        int[] ids = new int[cap];
        int n = 0;
        int prevWord = 0;
        int cues = 0;
        int len = t.length();
        char[] chars = charsOf(t);
        int i = 1;
        while (i < len && n < cap - 16) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                j = len;
            }
            if (j > i) {
                int w = hash(chars, i, j, WORD_SEED);
                cues |= cue(w);
                ids[n++] = word(w);
                if (prevWord != 0) {
                    ids[n++] = bigram(prevWord, w);
                }
                prevWord = w;
                n = charGrams(chars, i, j, ids, n, cap - 8);
            }
            i = j + 1;
        }
        return finish(ids, tail(original, lang, hits, cues, ids, n, cap));
    }

    /**
     * The chars of t in a per-thread array (valid until the next call on this thread): the n-gram hashes read the folded
     * text ~7 times per char, from a char[] rather than through String.charAt, and not from a new copy per call.
     */
    static char[] charsOf(String t) {
        int len = t.length();
        char[][] holder = CHARS.get();
        char[] chars = holder[0];
        if (chars.length < len) {
            chars = new char[Math.max(len, 2 * chars.length)];
            holder[0] = chars;
        }
        t.getChars(0, len, chars, 0);
        return chars;
    }

    /** Per-thread scratch for the folded text's chars (never handed out). */
    private static final ThreadLocal<char[][]> CHARS = ThreadLocal.withInitial(() -> new char[1][256]);

    /** Seed of the word hash (unigram and bigram features). */
    static final int WORD_SEED = 0x51ED27;

    /** Bucket of the bigram feature of two adjacent words, from their {@link #WORD_SEED} hashes. */
    static int bigram(int prevWordHash, int wordHash) {
        return word(mix(prevWordHash * 31 + wordHash, 0xB16));
    }

    /**
     * The character n-grams of " word " for the word chars[from, to) (the spaces mark the word's edges), written into
     * ids from index n while n stays below limit. Returns the new n. The one definition both {@link #extract} and
     * {@link LinearModel}'s memoised word sums use.
     */
    static int charGrams(char[] chars, int from, int to, int[] ids, int n, int limit) {
        for (int g = MIN_GRAM; g <= MAX_GRAM; g++) {
            for (int a = from - 1; a + g <= to + 1 && n < limit; a++) {
                ids[n++] = hash(chars, a, a + g, g * 7919) & HALF_MASK;
            }
        }
        return n;
    }

    /**
     * Whether {@link #extract}'s feature cap can bind for a folded text of this length with this many rule hits. Every
     * word of length L gives at most 2L+1 features (unigram, bigram, L+2-3+1 trigrams, L+2-4+1 four-grams), so the words
     * of a folded text of length len give at most 2·len; with the cap at 4·len+32+(cue features)+2·hits below {@value #MAX_FEATURES}
     * neither the word loop's nor the rule loop's limit is ever reached, and the features are all the text's.
     */
    static boolean capCanBind(int foldedLength, int hits) {
        return foldedLength * 4L + 32 + CUE_FEATURES + hits * 2L >= MAX_FEATURES;
    }

    /**
     * Slots the features after the words need at most: two per rule hit, the language, five shape cues, and the cue
     * classes and their pairs.
     */
    static int tailSize(int hits) {
        return 2 * hits + 6 + CUE_FEATURES;
    }

    /**
     * The features after the words (rules that fired, cue classes and their pairs, language, shape cues), written into
     * ids from index n; returns the new n. All of them are in the word half of the buckets.
     */
    static int tail(String original, Language lang, List<RuleHit> hits, int cues, int[] ids, int n, int cap) {
        for (RuleHit h : hits) {
            if (n >= cap - 4) {
                break;
            }
            ids[n++] = word(hash(h.dampened() ? "RD:" : "R:", h.name(), 0x7011));
            ids[n++] = word(hash("RR:", h.rule(), 0x7012));
        }
        for (int c = 0; c < CUE_CLASSES.length && n < cap - 8; c++) {
            if ((cues & (1 << c)) != 0) {
                ids[n++] = CUE_ONE[c];
                for (int d = c + 1; d < CUE_CLASSES.length && n < cap - 8; d++) {
                    if ((cues & (1 << d)) != 0) {
                        ids[n++] = CUE_TWO[c][d];
                    }
                }
            }
        }
        ids[n++] = LANGUAGE[lang.ordinal()];
        int letters = 0;
        int upper = 0;
        int excl = 0;
        int question = 0;
        // One table look-up and four adds per char instead of a chain of tests: whether a char is a letter, a capital,
        // '?' or '!' follows no pattern a branch predictor can learn (the chain cost ~5 ns a char). Non-ASCII chars are
        // asked Character.isLetter / isUpperCase, as before.
        int end = Math.min(original.length(), 4000);
        for (int k = 0; k < end; k++) {
            char c = original.charAt(k);
            int cls = c < 0x80 ? SHAPE[c] : Character.isLetter(c) ? Character.isUpperCase(c) ? 3 : 1 : 0;
            letters += cls & 1;
            upper += (cls >>> 1) & 1;
            question |= cls & 4;
            excl += cls >>> 3;
        }
        if (question != 0) {
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
        return n;
    }

    private static Features finish(int[] ids, int n) {
        int words = 0;
        for (int x = 0; x < n; x++) {
            if (ids[x] >= HALF) {
                words++;
            }
        }
        return new Features(ids, n, value(n), value(Math.max(1, words)));
    }

    /** A feature's value when count features were extracted (1/√count), as {@link Features} holds it. */
    static float value(int count) {
        return (float) (1.0 / Math.sqrt(count));
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
        return word(hash(t, from, to, WORD_SEED));
    }

    /** Hash of the word t[from, to) as the unigram and bigram features use it. */
    public static int wordHash(CharSequence t, int from, int to) {
        return hash(t, from, to, WORD_SEED);
    }

    /**
     * The buckets one word of the folded text adds to a head's score (used to explain a label that only the model fired),
     * in this order: the unigram, then the bigram with the previous word and the one with the next word (each counted
     * half; {@code prevHash}/{@code nextHash} 0 when there is no such word), then the character n-grams. Returns how
     * many were written into {@code out}.
     */
    public static int wordBuckets(
            CharSequence t, int from, int to, int wordHash, int prevHash, int nextHash, int[] out) {
        int n = 0;
        out[n++] = word(wordHash);
        if (prevHash != 0) {
            out[n++] = bigram(prevHash, wordHash);
        }
        if (nextHash != 0) {
            out[n++] = bigram(wordHash, nextHash);
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

    /** Bucket of the unigram feature of a word, from its {@link #WORD_SEED} hash. */
    static int unigram(int wordHash) {
        return word(wordHash);
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
