package org.tingvakt.classifier.model;

/**
 * A direct-mapped memo from a word (its chars and a hash of them) to a fixed number of ints: what a pure, additive
 * function of the word alone gave (the model's unigram and n-gram sums, the language detector's scores). Not
 * thread-safe: one per thread. A slot is {hash, length, the values, the key chars two per int}, so a hit reads one or two
 * cache lines; a word that maps to a taken slot evicts the word there.
 *
 * <p>Why by hand: the memo sits on the per-word hot path, where a {@code HashMap<String, int[]>} would build a String per
 * word and chase two pointers per look-up, and Caffeine or a LinkedHashMap LRU cost more again; a fixed array of ints
 * with a key compare is all that is needed.
 *
 * <p>Its size is the system property {@code tingvakt.classifier.wordMemoSlots}: a power of two, default 8,192; 0 turns
 * every memo off (to measure without them).
 */
public final class WordMemo {

    /** Slots of each memo; 0 when memos are off. */
    public static final int SLOTS = slots();
    /** Longer words are not memoised (their key would not fit a slot; they are rarer and repeat less). */
    public static final int KEY_CHARS = 16;

    private final int values;
    private final int stride;
    private final int mask;
    private final int[] slots;
    private long lookups;
    private long hits;

    /** @param values how many ints each word's entry holds */
    public WordMemo(int values) {
        this.values = values;
        this.stride = 2 + values + KEY_CHARS / 2;
        this.mask = SLOTS - 1;
        this.slots = new int[Math.max(1, SLOTS) * stride];
    }

    private static int slots() {
        int slots = Integer.getInteger("tingvakt.classifier.wordMemoSlots", 1 << 13);
        if (slots < 0 || Integer.bitCount(slots) > 1) {
            throw new IllegalArgumentException(
                    "tingvakt.classifier.wordMemoSlots must be 0 or a power of two: " + slots);
        }
        return slots;
    }

    /** Whether memos are on and a word of this length can be memoised. */
    public static boolean fits(int length) {
        return SLOTS != 0 && length <= KEY_CHARS;
    }

    /** The array that {@link #find} and {@link #claim} give offsets into. */
    public int[] array() {
        return slots;
    }

    /**
     * Offset in {@link #array()} of the word chars[from, from+length)'s values, or -1 when the memo does not hold it.
     * The word must {@link #fits fit}; hash is any hash of its chars (the same for the same chars).
     */
    public int find(char[] chars, int from, int length, int hash) {
        lookups++;
        int at = (hash & mask) * stride;
        int[] s = slots;
        if (s[at] != hash || s[at + 1] != length) {
            return -1;
        }
        int key = at + 2 + values;
        for (int q = 0; 2 * q < length; q++) {
            if (s[key + q] != keyInt(chars, from, length, q)) {
                return -1;
            }
        }
        hits++;
        return at + 2;
    }

    /** Takes the word's slot (evicting what was there) and returns the offset where its values are to be written. */
    public int claim(char[] chars, int from, int length, int hash) {
        int at = (hash & mask) * stride;
        int[] s = slots;
        s[at] = hash;
        s[at + 1] = length;
        int key = at + 2 + values;
        for (int q = 0; 2 * q < length; q++) {
            s[key + q] = keyInt(chars, from, length, q);
        }
        return at + 2;
    }

    private static int keyInt(char[] chars, int from, int length, int q) {
        int a = chars[from + 2 * q];
        return 2 * q + 1 < length ? a | chars[from + 2 * q + 1] << 16 : a;
    }

    /** {look-ups, hits} so far. */
    public long[] counts() {
        return new long[] {lookups, hits};
    }
}
