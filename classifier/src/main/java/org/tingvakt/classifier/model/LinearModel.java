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
     * weights of one bucket. Row 0 is all zeros. Lower half of the buckets (character n-grams, ~80 % of a comment's
     * features): of its 131,072 rows only ~19,000 are non-zero, so they are stored packed after row 0 —
     * {@code lowIndex[b]} is bucket b's row, 0 for an all-zero row. The packed half is ~0.6 MB and stays in a core's L2
     * cache; the dense one was 2.4 MB and missed it on nearly every n-gram (predict: ~10 µs → ~5 µs for a 300-character
     * comment in isolation, same sums). Upper half (words, bigrams, rules, shape; 73,000 of 131,072 rows non-zero, too
     * many for a char index): dense from row {@code highRow0} on.
     */
    private final short[] table;
    /** Row of each lower-half bucket; null when a model has too many n-gram rows for a char (then that half is dense). */
    private final char[] lowIndex;
    private final int highRow0;
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
        Object[] split = split(q, k);
        this.table = (short[]) split[0];
        this.lowIndex = (char[]) split[1];
        this.highRow0 = (Integer) split[2];
    }

    private LinearModel(List<String> heads, short[] q, float[] scale, float[] bias, float[] thresholds) {
        this.heads = List.copyOf(heads);
        this.k = heads.size();
        Object[] split = split(q, k);
        this.table = (short[]) split[0];
        this.lowIndex = (char[]) split[1];
        this.highRow0 = (Integer) split[2];
        this.scale = scale;
        this.bias = bias;
        this.thresholds = thresholds;
        this.wordLevel = wordLevel(this.heads);
    }

    private static final int HALF = FeatureExtractor.BUCKETS >>> 1;

    /** The dense table as {one table: zero row, lower-half rows, upper half dense; lower-half index; upper half's first row}. */
    private static Object[] split(short[] q, int k) {
        int rows = 0;
        for (int b = 0; b < HALF; b++) {
            if (nonZero(q, b, k)) {
                rows++;
            }
        }
        if (rows >= Character.MAX_VALUE) {
            // more rows than a char index can number (a model trained on far more text): the lower half stays dense
            short[] dense = new short[(1 + FeatureExtractor.BUCKETS) * k];
            System.arraycopy(q, 0, dense, k, FeatureExtractor.BUCKETS * k);
            return new Object[] {dense, null, 1 + HALF};
        }
        char[] index = new char[HALF];
        short[] table = new short[(1 + rows + HALF) * k];
        int r = 0;
        for (int b = 0; b < HALF; b++) {
            if (nonZero(q, b, k)) {
                System.arraycopy(q, b * k, table, (r + 1) * k, k);
                index[b] = (char) ++r;
            }
        }
        System.arraycopy(q, HALF * k, table, (1 + rows) * k, HALF * k);
        return new Object[] {table, index, 1 + rows};
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

    /** Row of bucket b in {@link #table}. */
    private int row(int b) {
        return b >= HALF ? b - HALF + highRow0 : lowIndex == null ? b + 1 : lowIndex[b];
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
     * Probability per head. The table (2^18 buckets × heads × 2 bytes) does not fit a core's cache, so the cost is one
     * memory access per feature; 16-bit weights summed as ints keep that to one 18-byte row per feature (half the
     * float table's traffic) and the sums exact.
     */
    public float[] predict(FeatureExtractor.Features f) {
        int[] acc = k == 9 && lowIndex != null ? sum9(f.ids(), f.count()) : sum(f.ids(), f.count());
        float[] z = new float[k];
        for (int h = 0; h < k; h++) {
            float v = wordLevel[h] ? f.wordValue() : f.value();
            z[h] = (float) (1.0 / (1.0 + Math.exp(-(acc[h] * scale[h] * v + bias[h]))));
        }
        return z;
    }

    private int[] sum(int[] ids, int count) {
        int[] acc = new int[k];
        for (int i = 0; i < count; i++) {
            int b = row(ids[i]) * k;
            for (int h = 0; h < k; h++) {
                acc[h] += table[b + h];
            }
        }
        return acc;
    }

    /**
     * The shipped model's nine heads, summed in locals: the JIT keeps them in registers, where the generic loop stores
     * to and reloads the accumulator array for every weight (the same sums, about a third less time in predict).
     *
     * <p>All rows live in one array ({@code table}): row 0 is all zeros, then the packed character n-gram rows, then the
     * dense word half. An n-gram bucket with no weights points at row 0 instead of being skipped, so the loop has no
     * data-dependent branch but the word/n-gram one: a mispredicted skip also threw away the loads already in flight.
     */
    /** Per-thread scratch for sum9's row numbers (a new array per call was written into cold, newly allocated memory). */
    private static final ThreadLocal<int[]> ROWS = ThreadLocal.withInitial(() -> new int[4096]);

    private int[] sum9(int[] ids, int count) {
        short[] w = table;
        char[] index = lowIndex;
        int hiRow = highRow0 - HALF;
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
        int[] rows = ROWS.get();
        if (rows.length < count) {
            rows = new int[Math.max(count, 2 * rows.length)];
            ROWS.set(rows);
        }
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            rows[i] = (id >= HALF ? id + hiRow : index[id]) * 9;
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
        return new int[] {a0, a1, a2, a3, a4, a5, a6, a7, a8};
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
