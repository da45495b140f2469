package org.tingvakt.classifier.detect;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tingvakt.classifier.Language;

/**
 * Tells Danish, Swedish, Bokmål, Nynorsk, English and Finnish apart (else {@link Language#OTHER}).
 *
 * <p>Scores are naive-Bayes sums of log n-gram probabilities taken from lingua's published models (Apache 2.0), compiled by
 * {@code train} into a small primitive table, plus a few function words that separate the Scandinavian languages. Lingua's
 * own API costs ~35 µs a call in low-accuracy mode on this machine (measured: see docs/classifier.md), which alone would eat
 * most of the 50 µs budget per comment; the same numbers in an open-addressing long→float table cost a few microseconds.
 */
public final class LanguageDetector {

    public static final Language[] LANGS = {Language.DA, Language.SV, Language.NB, Language.NN, Language.EN, Language.FI
    };
    public static final String RESOURCE = "/org/tingvakt/classifier/langid.bin";
    /** Scores are kept in hundredths of a log-probability (as stored), summed as ints. */
    private static final int MISSING = -1200;

    private static final int WORD_BONUS = 1200;
    /** Longer texts stop being read once this many letters are seen and one language leads by {@link #CLEAR_LEAD}. */
    private static final int ENOUGH_LETTERS = 120;

    private static final int CLEAR_LEAD = 6000;

    /**
     * The n-gram table, laid out for one cache line per look-up: slot i is {@code slots[4i..4i+3]} = the n-gram's key
     * (length in bits 30–31, its chars in 10 bits each) and its six scores as 16-bit pairs. Before, the keys (long) and
     * the scores (short) lived in two arrays, 1.3 MB together, and every look-up touched a line of each. N-grams with a
     * char above U+03FF (none of the six languages' models has one today) stay in the long-keyed table below.
     */
    private final int[] slots;

    private final int slotMask;
    /** Scores of the single letters below U+0250, indexed directly (6 per letter; missing ones hold {@link #MISSING}). */
    private final int[] unigrams;

    private final long[] keys;
    private final short[] values;
    private final int mask;
    private final FunctionWords words;
    private final int longestWord;

    private LanguageDetector(long[] keys, short[] values, int mask, Map<String, int[]> words) {
        this.keys = keys;
        this.values = values;
        this.mask = mask;
        this.words = new FunctionWords(words);
        this.longestWord =
                words.keySet().stream().mapToInt(String::length).max().orElse(0);
        int n = 0;
        for (long k : keys) {
            if (k != 0 && intKey(k) != 0) {
                n++;
            }
        }
        int cap = Integer.highestOneBit(Math.max(16, n * 2)) << 1;
        this.slots = new int[cap * 4];
        this.slotMask = cap - 1;
        for (int s = 0; s < keys.length; s++) {
            int ik = keys[s] == 0 ? 0 : intKey(keys[s]);
            if (ik == 0) {
                continue;
            }
            int slot = intSlot(ik, slotMask);
            while (slots[slot * 4] != 0) {
                slot = (slot + 1) & slotMask;
            }
            slots[slot * 4] = ik;
            for (int l = 0; l < LANGS.length; l += 2) {
                slots[slot * 4 + 1 + l / 2] =
                        (values[s * LANGS.length + l] & 0xFFFF) | values[s * LANGS.length + l + 1] << 16;
            }
        }
        this.direct = directTable();
        this.unigrams = new int[UNIGRAM_LIMIT * LANGS.length];
        for (char c = 0; c < UNIGRAM_LIMIT; c++) {
            int slot = find(key1(c));
            for (int l = 0; l < LANGS.length; l++) {
                unigrams[c * LANGS.length + l] = slot < 0 ? MISSING : values[slot * LANGS.length + l];
            }
        }
    }

    private static final int UNIGRAM_LIMIT = 0x250;

    /**
     * Bigrams and trigrams of the 31 letters the six languages mostly write (a–z, æ, ø, å, ä, ö) are indexed directly
     * by their letters' 5-bit codes: trigram abc at a·1024 + b·32 + c, bigram ab at {@link #BIGRAMS} + a·32 + b, with
     * their six scores (or {@link #MISSING}) packed in three ints, 405 kB in all. That is one load from a table that
     * stays in the core's cache instead of a hash, a probe and a key compare; other n-grams still use the hash table.
     */
    private static final byte[] ALPHA = new byte[0x100];

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzæøåäö";
    private static final int BIGRAMS = 1 << 15;

    static {
        java.util.Arrays.fill(ALPHA, (byte) -1);
        for (int i = 0; i < LETTERS.length(); i++) {
            ALPHA[LETTERS.charAt(i)] = (byte) i;
        }
    }

    private final int[] direct;

    private int[] directTable() {
        int[] d = new int[(BIGRAMS + 1024) * 3];
        java.util.Arrays.fill(d, (MISSING & 0xFFFF) | MISSING << 16);
        char[] g = new char[3];
        int n = LETTERS.length();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                g[0] = LETTERS.charAt(a);
                g[1] = LETTERS.charAt(b);
                put(d, BIGRAMS + (a << 5 | b), find(key(new String(g, 0, 2), 0, 2)));
                for (int c = 0; c < n; c++) {
                    g[2] = LETTERS.charAt(c);
                    put(d, a << 10 | b << 5 | c, find(key(new String(g, 0, 3), 0, 3)));
                }
            }
        }
        return d;
    }

    private void put(int[] d, int entry, int slot) {
        if (slot < 0) {
            return;
        }
        for (int l = 0; l < LANGS.length; l += 2) {
            d[entry * 3 + l / 2] =
                    (values[slot * LANGS.length + l] & 0xFFFF) | values[slot * LANGS.length + l + 1] << 16;
        }
    }

    private static long key1(char c) {
        return (1L << 16) | c;
    }

    /** The long key as an int key (len << 30 | 10 bits a char), or 0 when a char does not fit 10 bits. */
    private static int intKey(long key) {
        int len = (int) (key >>> (16 * 3));
        if (len == 0) {
            len = (int) (key >>> (16 * 2));
            if (len == 0) {
                len = (int) (key >>> 16);
            }
        }
        if (len < 1 || len > 3) {
            return 0;
        }
        int k = len;
        for (int i = len - 1; i >= 0; i--) {
            int c = (int) (key >>> (16 * i)) & 0xFFFF;
            if (c >= 0x400) {
                return 0;
            }
            k = (k << 10) | c;
        }
        return k;
    }

    private static int intSlot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 15)) & mask;
    }

    public static LanguageDetector load() {
        try (InputStream raw = LanguageDetector.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + ": run the train command");
            }
            return read(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LanguageDetector read(InputStream raw) throws IOException {
        {
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
            int n = in.readInt();
            int cap = Integer.highestOneBit(Math.max(16, n * 2)) << 1;
            long[] keys = new long[cap];
            short[] values = new short[cap * LANGS.length];
            int mask = cap - 1;
            for (int i = 0; i < n; i++) {
                long key = in.readLong();
                int slot = slot(key, mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                for (int l = 0; l < LANGS.length; l++) {
                    values[slot * LANGS.length + l] = in.readShort();
                }
            }
            return new LanguageDetector(keys, values, mask, functionWords());
        }
    }

    /** Packs an n-gram of one to three chars (already lowercased) into a non-zero key. */
    public static long key(CharSequence s, int from, int len) {
        long k = len;
        for (int i = 0; i < len; i++) {
            k = (k << 16) | s.charAt(from + i);
        }
        return k;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private int find(long key) {
        int slot = slot(key, mask);
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    public Language detect(String text) {
        int[] score = new int[LANGS.length];
        char[] word = new char[64];
        int wl = 0;
        int letters = 0;
        int nonLatin = 0;
        int n = Math.min(text.length(), 2000);
        for (int i = 0; i <= n; i++) {
            char ch = i < n ? text.charAt(i) : ' ';
            // ASCII fast path: the same answers as Character.isLetter/toLowerCase without the property look-ups
            if (ch < 0x80 ? (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' : Character.isLetter(ch)) {
                letters++;
                if (ch > 0x24F) {
                    nonLatin++;
                }
                if (wl < word.length) {
                    word[wl++] = ch < 0x80 ? (char) (ch | 0x20) : Character.toLowerCase(ch);
                }
            } else if (wl > 0) {
                scoreWord(word, wl, score);
                wl = 0;
                if (letters >= ENOUGH_LETTERS && lead(score) >= CLEAR_LEAD) {
                    // a long comment whose language is already plain: the rest would only cost time
                    break;
                }
            }
        }
        if (letters < 3 || nonLatin * 2 > letters) {
            return Language.OTHER;
        }
        int best = 0;
        for (int l = 1; l < LANGS.length; l++) {
            if (score[l] > score[best]) {
                best = l;
            }
        }
        return LANGS[best];
    }

    private static int lead(int[] score) {
        int best = Integer.MIN_VALUE;
        int second = Integer.MIN_VALUE;
        for (int v : score) {
            if (v > best) {
                second = best;
                best = v;
            } else if (v > second) {
                second = v;
            }
        }
        return best - second;
    }

    private void scoreWord(char[] w, int wl, int[] score) {
        if (wl <= longestWord) {
            int[] bonus = words.get(w, wl);
            if (bonus != null) {
                for (int l = 0; l < LANGS.length; l++) {
                    score[l] += bonus[l];
                }
            }
        }
        int s0 = score[0];
        int s1 = score[1];
        int s2 = score[2];
        int s3 = score[3];
        int s4 = score[4];
        int s5 = score[5];
        int[] uni = unigrams;
        int[] tab = slots;
        int[] extra = null;
        for (int i = 0; i < wl; i++) {
            char c = w[i];
            if (c < UNIGRAM_LIMIT) {
                int u = c * 6;
                s0 += uni[u];
                s1 += uni[u + 1];
                s2 += uni[u + 2];
                s3 += uni[u + 3];
                s4 += uni[u + 4];
                s5 += uni[u + 5];
                continue;
            }
            extra = addLong(longSlot(w, i, 1), extra);
        }
        int[] dir = direct;
        for (int len = 2; len <= 3; len++) {
            for (int i = 0; i + len <= wl; i++) {
                int a = w[i] < 0x100 ? ALPHA[w[i]] : -1;
                int b = w[i + 1] < 0x100 ? ALPHA[w[i + 1]] : -1;
                int e = len == 2
                        ? BIGRAMS + (a << 5 | b)
                        : (a << 10 | b << 5 | (w[i + 2] < 0x100 ? ALPHA[w[i + 2]] : -1));
                if (a >= 0 && b >= 0 && e >= 0) {
                    e *= 3;
                    int p = dir[e];
                    int q = dir[e + 1];
                    int r = dir[e + 2];
                    s0 += (short) p;
                    s1 += p >> 16;
                    s2 += (short) q;
                    s3 += q >> 16;
                    s4 += (short) r;
                    s5 += r >> 16;
                    continue;
                }
                int key = len;
                boolean fits = true;
                for (int c = 0; c < len; c++) {
                    char ch = w[i + c];
                    fits &= ch < 0x400;
                    key = (key << 10) | ch;
                }
                if (!fits) {
                    extra = addLong(longSlot(w, i, len), extra);
                    continue;
                }
                int slot = intSlot(key, slotMask);
                int k;
                while ((k = tab[slot * 4]) != key && k != 0) {
                    slot = (slot + 1) & slotMask;
                }
                if (k == 0) {
                    s0 += MISSING;
                    s1 += MISSING;
                    s2 += MISSING;
                    s3 += MISSING;
                    s4 += MISSING;
                    s5 += MISSING;
                } else {
                    int p = tab[slot * 4 + 1];
                    int q = tab[slot * 4 + 2];
                    int r = tab[slot * 4 + 3];
                    s0 += (short) p;
                    s1 += p >> 16;
                    s2 += (short) q;
                    s3 += q >> 16;
                    s4 += (short) r;
                    s5 += r >> 16;
                }
            }
        }
        score[0] = s0;
        score[1] = s1;
        score[2] = s2;
        score[3] = s3;
        score[4] = s4;
        score[5] = s5;
        if (extra != null) {
            for (int l = 0; l < LANGS.length; l++) {
                score[l] += extra[l];
            }
        }
    }

    /** Adds the scores of a long-table slot (or {@link #MISSING}) to {@code extra}, allocated on first use. */
    private int[] addLong(int slot, int[] extra) {
        int[] e = extra == null ? new int[LANGS.length] : extra;
        for (int l = 0; l < LANGS.length; l++) {
            e[l] += slot < 0 ? MISSING : values[slot * LANGS.length + l];
        }
        return e;
    }

    /** Slot of an n-gram in the long-keyed table (n-grams with a char the int table cannot hold). */
    private int longSlot(char[] w, int from, int len) {
        long key = len;
        for (int c = 0; c < len; c++) {
            key = (key << 16) | w[from + c];
        }
        return find(key);
    }

    /**
     * The function words keyed by their chars, so that a word is looked up without building a String (the same map as
     * before: open addressing over String.hashCode of the chars).
     */
    private static final class FunctionWords {
        private final String[] keys;
        private final int[][] values;
        private final int mask;

        FunctionWords(Map<String, int[]> map) {
            int cap = Integer.highestOneBit(Math.max(16, map.size() * 4)) << 1;
            keys = new String[cap];
            values = new int[cap][];
            mask = cap - 1;
            for (Map.Entry<String, int[]> e : map.entrySet()) {
                int slot = spread(e.getKey().hashCode()) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = e.getKey();
                values[slot] = e.getValue();
            }
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        int[] get(char[] w, int len) {
            int h = 0;
            for (int i = 0; i < len; i++) {
                h = 31 * h + w[i];
            }
            int slot = spread(h) & mask;
            String k;
            while ((k = keys[slot]) != null) {
                if (k.length() == len && same(k, w, len)) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            return null;
        }

        private static boolean same(String k, char[] w, int len) {
            for (int i = 0; i < len; i++) {
                if (k.charAt(i) != w[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Words that mark one language against its neighbours; a word listed for several languages helps each of them. */
    private static Map<String, int[]> functionWords() {
        String[][] lists = {
            {
                "jeg ikke hvad hvorfor hvornår hvordan mig dig sig af nu efter også være meget noget nogen kun sådan"
                        + " hvilken lige derfor tak mere bliver blev været synes os jer hende ham deres vores jeres mange altså"
                        + " hedder spørgsmål venlig hilsen fordi når kan skal vil hvis eller men må gerne selv hvor her der det"
                        + " den de en et til fra med på er at ud op tjek sikke marts spørgsmål nogle stadig endnu hjemmeside"
                        + " kommune dejlig igen fået have uden børn borgerservice aldrig tager søn blevet arbejde ind tage mit"
                        + " vide fik vejen uger lukker kører gange danmark hjælp altid åbner åbent vej søde lad næste mod mand"
                        + " brug væk sker siger sgu selvom lidt hjælpe blive sælger hovedet gøre aften penge overhovedet dage"
                        + " bedste natten lukket"
            },
            {
                "jag inte vad varför hur när mig dig sig av nu efter något några bara vara mycket mer blir blev varit"
                        + " oss henne hon vem kommer göra detta också och är det som med för till en ett kan ska vill tack"
                        + " fråga hej varför fan jävla också eller men får själv där här inte jag"
            },
            {
                "jeg ikke hva hvorfor hvordan når av nå etter noe noen bare være mye mer blir ble vært oss dere henne"
                        + " hun hvem kommer gjøre dette også veldig takk hilsen spørsmål fra til en et ett meg deg seg kan skal"
                        + " vil hvis eller men må gjerne selv hvor her der det den de er på med vet hos sykkel snø kommunen"
                        + " dritt helvete faen trenger uten fikk tar ungene gjør uker ordføreren ganger saken veien utenfor"
                        + " jobber håper heter sier åpent greit fortsatt selger bystyret åpner skjønner penger legger gidder"
                        + " sønnen tatt norge"
            },
            {
                "eg ikkje kva kvifor korleis kven når av no etter noko nokon berre vere mykje meir blir vart vore oss"
                        + " dykk ho han frå til ein eit eitt me kjem gjere dette òg også takk spørsmål heile mange slik sidan"
                        + " fordi fleire medan heime saman kor meg deg seg kan skal vil viss eller men må gjerne sjølv her der"
                        + " det den dei er på med kvar veit skulen sjå utan gong fekk ungane vegen tek ordføraren gjer heim"
                        + " skule ligg einaste veker heilt opnar ope treng jobbar synest sonen noreg greitt framleis born"
                        + " søkjer månader dårleg bur seier difor heiter gonger saka laurdag"
            },
            {
                "the and is are you i to of it this that what why how when not my your please check out will would"
                        + " have has be was were they them we our for with on at from just like"
            },
            {
                "ja on ei se että mitä miksi milloin kuinka minä sinä olen olet kiitos kunta hän me te he ovat oli"
                        + " mutta tai kun jos niin myös vain"
            },
        };
        Map<String, Integer> count = new HashMap<>();
        for (String[] l : lists) {
            for (String w : l[0].split(" ")) {
                count.merge(w, 1, Integer::sum);
            }
        }
        Map<String, int[]> map = new HashMap<>();
        for (int l = 0; l < lists.length; l++) {
            for (String w : lists[l][0].split(" ")) {
                int[] v = map.computeIfAbsent(w, x -> new int[LANGS.length]);
                // A word unique to one language counts fully; a shared one counts less but still separates e.g. sv from
                // nn.
                v[l] = WORD_BONUS / count.get(w);
            }
        }
        return map;
    }
}
