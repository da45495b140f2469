package org.tingvakt.classifier.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tingvakt.classifier.Language;
import org.tingvakt.classifier.normalise.FoldedText;
import org.tingvakt.classifier.rules.RuleHit;

/**
 * The trained heads (one logistic regression per label or intent) as one weight table over hashed features.
 *
 * <p>Training happens in Tribuo ({@code train} command); its weights are exported here so that inference is one pass over
 * the feature ids for all heads at once (bucket-major layout), which Tribuo's per-example object model cannot do within
 * our 50 µs budget. Weights are stored as 16-bit integers with one scale per head.
 */
public final class LinearModel {

    public static final String RESOURCE = "/org/tingvakt/classifier/model.bin";
    private static final int MAGIC = 0x54564C4D;

    private final List<String> heads;
    /**
     * Bucket-major 16-bit weights in one array, head h's weight is the stored value × scale[h]; a row holds the k heads'
     * weights of one bucket. Row 0 is all zeros; then only the non-zero rows, in bucket order (~19,000 of the 131,072
     * character n-gram buckets, ~73,000 of the 131,072 word, bigram, rule and shape buckets): 1.7 MB where the table with a
     * dense word half was 3 MB. A bucket's row is found by rank in a bitmap of the non-zero buckets ({@link #present},
     * {@link #rankBase}: 48 kB together, which stay in a core's near caches), not by a char index (256 kB for the n-gram
     * half alone, and too narrow for the word half).
     */
    private final short[] table;
    /** Bit b set when bucket b has a stored (non-zero) row. */
    private final long[] present;
    /** Number of non-zero buckets before word w of {@link #present}. */
    private final int[] rankBase;

    private final int k;
    private final float[] scale;
    private final float[] bias;
    private final float[] thresholds;
    private final boolean[] wordLevel;

    /** Quantises trained float weights (bucket-major) to the 16-bit table that ships, so experiments score as shipped. */
    public LinearModel(List<String> heads, float[] weights, float[] bias, float[] thresholds) {
        int k = heads.size();
        this.heads = List.copyOf(heads);
        this.scale = new float[k];
        for (int h = 0; h < k; h++) {
            float max = 1e-9f;
            for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
                max = Math.max(max, Math.abs(weights[b * k + h]));
            }
            scale[h] = max / Short.MAX_VALUE;
        }
        short[] q = new short[FeatureExtractor.BUCKETS * k];
        for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
            boolean any = false;
            for (int h = 0; h < k; h++) {
                short v = (short) Math.round(weights[b * k + h] / scale[h]);
                q[b * k + h] = v;
                any |= Math.abs(v) > 1;
            }
            if (!any) {
                // rows of rounding noise are not stored in the file either
                for (int h = 0; h < k; h++) {
                    q[b * k + h] = 0;
                }
            }
        }
        this.bias = bias;
        this.thresholds = thresholds;
        this.wordLevel = wordLevel(this.heads);
        this.k = k;
        Object[] packed = pack(q, k);
        this.table = (short[]) packed[0];
        this.present = (long[]) packed[1];
        this.rankBase = (int[]) packed[2];
    }

    private LinearModel(List<String> heads, short[] q, float[] scale, float[] bias, float[] thresholds) {
        this.heads = List.copyOf(heads);
        this.k = heads.size();
        Object[] packed = pack(q, k);
        this.table = (short[]) packed[0];
        this.present = (long[]) packed[1];
        this.rankBase = (int[]) packed[2];
        this.scale = scale;
        this.bias = bias;
        this.thresholds = thresholds;
        this.wordLevel = wordLevel(this.heads);
    }

    /** The dense table as {zero row then the non-zero rows in bucket order; bitmap of non-zero buckets; rank bases}. */
    private static Object[] pack(short[] q, int k) {
        int buckets = FeatureExtractor.BUCKETS;
        long[] bits = new long[buckets >>> 6];
        int[] base = new int[buckets >>> 6];
        int rows = 0;
        for (int b = 0; b < buckets; b++) {
            if ((b & 63) == 0) {
                base[b >>> 6] = rows;
            }
            if (nonZero(q, b, k)) {
                bits[b >>> 6] |= 1L << (b & 63);
                rows++;
            }
        }
        short[] table = new short[(1 + rows) * k];
        int r = 0;
        for (int b = 0; b < buckets; b++) {
            if (nonZero(q, b, k)) {
                System.arraycopy(q, b * k, table, ++r * k, k);
            }
        }
        return new Object[] {table, bits, base};
    }

    private static boolean nonZero(short[] q, int b, int k) {
        for (int h = 0; h < k; h++) {
            if (q[b * k + h] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Stored 16-bit weight of bucket b for head h. */
    private int raw(int b, int h) {
        return table[row(b) * k + h];
    }

    /** Row of bucket b in {@link #table}: 0 when the bucket has no weights, else its rank among the non-zero buckets. */
    private int row(int b) {
        return row(b, present, rankBase);
    }

    /**
     * The bits of b's bitmap word up to and including b's own, shifted to the top: the top bit says whether b has a row,
     * the count of ones is its rank (1-based) among the word's non-zero buckets. Branch-free, so that no mispredicted
     * test discards the weight loads already in flight.
     */
    private static int row(int b, long[] present, int[] rankBase) {
        long x = present[b >>> 6] << (63 - (b & 63));
        return (rankBase[b >>> 6] + Long.bitCount(x)) & (int) -(x >>> 63);
    }

    private static boolean[] wordLevel(List<String> heads) {
        boolean[] w = new boolean[heads.size()];
        for (int h = 0; h < w.length; h++) {
            w[h] = FeatureExtractor.WORD_LEVEL_HEADS.contains(heads.get(h));
        }
        return w;
    }

    public List<String> heads() {
        return heads;
    }

    public int head(String name) {
        return heads.indexOf(name);
    }

    public float threshold(int head) {
        return thresholds[head];
    }

    /**
     * Probability per head. The table (2^18 buckets × heads × 2 bytes) does not fit a core's near caches, so the cost is one
     * memory access per feature; 16-bit weights summed as ints keep that to one 18-byte row per feature (half the
     * float table's traffic) and the sums exact.
     */
    public float[] predict(FeatureExtractor.Features f) {
        int[] acc = new int[k];
        int[] rows = ROWS.get();
        if (rows.length < f.count()) {
            rows = new int[Math.max(f.count(), 2 * rows.length)];
            ROWS.set(rows);
        }
        accumulate(f.ids(), f.count(), acc, 0, rows);
        return probabilities(acc, f.value(), f.wordValue());
    }

    private float[] probabilities(int[] acc, float value, float wordValue) {
        float[] z = new float[k];
        for (int h = 0; h < k; h++) {
            float v = wordLevel[h] ? wordValue : value;
            z[h] = (float) (1.0 / (1.0 + Math.exp(-(acc[h] * scale[h] * v + bias[h]))));
        }
        return z;
    }

    /**
     * The same probabilities as {@code predict(FeatureExtractor.extract(original, folded, lang, hits))}, with each word's
     * own part of the sums (its unigram and character n-grams: 2L+1 of a word's 2L+2 features, all that depends on the
     * word alone) memoised per thread.
     *
     * <p>Why: a word's n-grams cost ~2L hashes and as many rows read from a table larger than a core's near caches, and
     * comments repeat words (Zipf): the memo ({@link WordMemo}) turns most of them into one look-up of an 80-byte slot.
     * The sums are ints, so adding a word's memoised part gives the very same totals in any order, and the feature counts
     * (which set each feature's value) are counted as {@code extract} counts them: the output is identical, with the memo
     * or without it. Texts long enough for {@code extract}'s feature cap to bind take the plain path.
     */
    public float[] predict(String original, FoldedText folded, Language lang, List<RuleHit> hits) {
        String t = folded.text();
        int len = t.length();
        if (memo == null || FeatureExtractor.capCanBind(len, hits.size())) {
            return predict(FeatureExtractor.extract(original, folded, lang, hits));
        }
        Memo m = memo.get();
        char[] chars = FeatureExtractor.charsOf(t);
        int[] acc = new int[k];
        int n = 0;
        int words = 0;
        int prevWord = 0;
        int cues = 0;
        // bigrams and the features after the words (rules, language, shape): summed together at the end
        int[] half = m.half(len / 2 + FeatureExtractor.tailSize(hits.size()));
        int nh = 0;
        // the same walk over the words as FeatureExtractor.extract
        int i = 1;
        while (i < len) {
            int j = t.indexOf(' ', i);
            if (j < 0) {
                j = len;
            }
            if (j > i) {
                int w = FeatureExtractor.hash(chars, i, j, FeatureExtractor.WORD_SEED);
                cues |= FeatureExtractor.cue(w);
                n += wordSums(m, chars, i, j, w, acc);
                words++;
                if (prevWord != 0) {
                    half[nh++] = FeatureExtractor.bigram(prevWord, w);
                }
                prevWord = w;
            }
            i = j + 1;
        }
        nh = FeatureExtractor.tail(original, lang, hits, cues, half, nh, Integer.MAX_VALUE);
        accumulate(half, nh, acc, 0, m.rows(nh));
        n += nh;
        words += nh;
        return probabilities(acc, FeatureExtractor.value(n), FeatureExtractor.value(Math.max(1, words)));
    }

    /** Per-thread state of the memoised predict: the word memo (k sums and the feature count per word) and scratch. */
    private static final class Memo {
        final WordMemo words;
        int[] ids = new int[64];
        int[] half = new int[256];
        int[] rows = new int[256];

        Memo(int k) {
            words = new WordMemo(k + 1);
        }

        int[] ids(int size) {
            if (ids.length < size) {
                ids = new int[Math.max(size, 2 * ids.length)];
            }
            return ids;
        }

        int[] half(int size) {
            if (half.length < size) {
                half = new int[Math.max(size, 2 * half.length)];
            }
            return half;
        }

        int[] rows(int size) {
            if (rows.length < size) {
                rows = new int[Math.max(size, 2 * rows.length)];
            }
            return rows;
        }
    }

    private final ThreadLocal<Memo> memo = WordMemo.SLOTS == 0 ? null : ThreadLocal.withInitial(this::newMemo);

    private Memo newMemo() {
        return new Memo(k);
    }

    /** {lookups, hits} of the calling thread's word memo for this model (for benchmarks), or zeros when it is off. */
    public long[] wordMemoCounts() {
        return memo == null ? new long[2] : memo.get().words.counts();
    }

    /** Adds the word chars[from, to)'s unigram and n-gram sums to acc; returns how many features that is. */
    private int wordSums(Memo m, char[] chars, int from, int to, int w, int[] acc) {
        int length = to - from;
        boolean fits = WordMemo.fits(length);
        int[] s = m.words.array();
        int at = fits ? m.words.find(chars, from, length, w) : -1;
        if (at < 0) {
            int[] ids = m.ids(2 * length + 2);
            ids[0] = FeatureExtractor.unigram(w);
            int count = FeatureExtractor.charGrams(chars, from, to, ids, 1, ids.length);
            if (!fits) {
                accumulate(ids, count, acc, 0, m.rows(count));
                return count;
            }
            at = m.words.claim(chars, from, length, w);
            java.util.Arrays.fill(s, at, at + k, 0);
            accumulate(ids, count, s, at, m.rows(count));
            s[at + k] = count;
        }
        for (int h = 0; h < k; h++) {
            acc[h] += s[at + h];
        }
        return s[at + k];
    }

    /** Adds the rows of the count buckets in ids to acc[off..off+k); rows: scratch of at least count ints. */
    private void accumulate(int[] ids, int count, int[] acc, int off, int[] rows) {
        if (k == 9) {
            sum9(ids, count, acc, off, rows);
            return;
        }
        if (k == 12) {
            sum12(ids, count, acc, off, rows);
            return;
        }
        for (int i = 0; i < count; i++) {
            int b = row(ids[i]) * k;
            for (int h = 0; h < k; h++) {
                acc[off + h] += table[b + h];
            }
        }
    }

    /** Per-thread scratch for the row numbers (a new array per call was written into cold, newly allocated memory). */
    private static final ThreadLocal<int[]> ROWS = ThreadLocal.withInitial(() -> new int[4096]);

    /**
     * The shipped model's nine heads, summed in locals: the JIT keeps them in registers, where the generic loop stores
     * to and reloads the accumulator array for every weight (the same sums, about a third less time in predict).
     *
     * <p>All rows live in one array ({@code table}): row 0 is all zeros, then the non-zero rows. A bucket with no weights
     * points at row 0 instead of being skipped, so the loop has no data-dependent branch: a mispredicted skip also threw
     * away the loads already in flight.
     */
    private void sum9(int[] ids, int count, int[] acc, int off, int[] rows) {
        short[] w = table;
        long[] bits = present;
        int[] base = rankBase;
        int a0 = 0;
        int a1 = 0;
        int a2 = 0;
        int a3 = 0;
        int a4 = 0;
        int a5 = 0;
        int a6 = 0;
        int a7 = 0;
        int a8 = 0;
        // First every feature's row, then the sums: the index loads of the n-grams do not wait behind the weight loads.
        for (int i = 0; i < count; i++) {
            rows[i] = row(ids[i], bits, base) * 9;
        }
        for (int i = 0; i < count; i++) {
            int b = rows[i];
            a0 += w[b];
            a1 += w[b + 1];
            a2 += w[b + 2];
            a3 += w[b + 3];
            a4 += w[b + 4];
            a5 += w[b + 5];
            a6 += w[b + 6];
            a7 += w[b + 7];
            a8 += w[b + 8];
        }
        acc[off] += a0;
        acc[off + 1] += a1;
        acc[off + 2] += a2;
        acc[off + 3] += a3;
        acc[off + 4] += a4;
        acc[off + 5] += a5;
        acc[off + 6] += a6;
        acc[off + 7] += a7;
        acc[off + 8] += a8;
    }

    /** As {@link #sum9} for the twelve heads of the model shipped since 2026-12-07. */
    private void sum12(int[] ids, int count, int[] acc, int off, int[] rows) {
        short[] w = table;
        long[] bits = present;
        int[] base = rankBase;
        int a0 = 0;
        int a1 = 0;
        int a2 = 0;
        int a3 = 0;
        int a4 = 0;
        int a5 = 0;
        int a6 = 0;
        int a7 = 0;
        int a8 = 0;
        int a9 = 0;
        int a10 = 0;
        int a11 = 0;
        for (int i = 0; i < count; i++) {
            rows[i] = row(ids[i], bits, base) * 12;
        }
        for (int i = 0; i < count; i++) {
            int b = rows[i];
            a0 += w[b];
            a1 += w[b + 1];
            a2 += w[b + 2];
            a3 += w[b + 3];
            a4 += w[b + 4];
            a5 += w[b + 5];
            a6 += w[b + 6];
            a7 += w[b + 7];
            a8 += w[b + 8];
            a9 += w[b + 9];
            a10 += w[b + 10];
            a11 += w[b + 11];
        }
        acc[off] += a0;
        acc[off + 1] += a1;
        acc[off + 2] += a2;
        acc[off + 3] += a3;
        acc[off + 4] += a4;
        acc[off + 5] += a5;
        acc[off + 6] += a6;
        acc[off + 7] += a7;
        acc[off + 8] += a8;
        acc[off + 9] += a9;
        acc[off + 10] += a10;
        acc[off + 11] += a11;
    }

    /** The weight of one feature bucket for one head (for explanations). */
    public float weight(int bucket, int head) {
        return raw(bucket, head) * scale[head];
    }

    /**
     * Maps a probability onto 0..1 so that this head's tuned threshold lands on 0.5, the threshold every label shares in
     * the output.
     */
    public double calibrated(int head, double p) {
        double t = thresholds[head];
        return p >= t ? 0.5 + 0.5 * (p - t) / (1 - t) : 0.5 * p / t;
    }

    public static LinearModel load() {
        try (InputStream in = LinearModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + ": run the train command");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LinearModel read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
        if (in.readInt() != MAGIC || in.readInt() != FeatureExtractor.BITS) {
            throw new IOException("model file does not match this feature extractor");
        }
        int k = in.readInt();
        String[] names = new String[k];
        float[] bias = new float[k];
        float[] thr = new float[k];
        float[] scale = new float[k];
        for (int h = 0; h < k; h++) {
            names[h] = in.readUTF();
            bias[h] = in.readFloat();
            thr[h] = in.readFloat();
            scale[h] = in.readFloat();
        }
        short[] w = new short[FeatureExtractor.BUCKETS * k];
        int rows = in.readInt();
        for (int r = 0; r < rows; r++) {
            int b = in.readInt();
            for (int h = 0; h < k; h++) {
                w[b * k + h] = in.readShort();
            }
        }
        return new LinearModel(List.of(names), w, scale, bias, thr);
    }

    public void write(OutputStream os) throws IOException {
        int k = heads.size();
        GZIPOutputStream gzip = new GZIPOutputStream(os, 1 << 16);
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(MAGIC);
        out.writeInt(FeatureExtractor.BITS);
        out.writeInt(k);
        for (int h = 0; h < k; h++) {
            out.writeUTF(heads.get(h));
            out.writeFloat(bias[h]);
            out.writeFloat(thresholds[h]);
            out.writeFloat(scale[h]);
        }
        int rows = 0;
        for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
            if (nonZero(b, k)) {
                rows++;
            }
        }
        out.writeInt(rows);
        for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
            if (nonZero(b, k)) {
                out.writeInt(b);
                for (int h = 0; h < k; h++) {
                    out.writeShort(raw(b, h));
                }
            }
        }
        out.flush();
        gzip.finish();
    }

    private boolean nonZero(int b, int k) {
        for (int h = 0; h < k; h++) {
            if (raw(b, h) != 0) {
                return true;
            }
        }
        return false;
    }
}
