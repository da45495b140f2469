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
    private final float[] weights;
    private final float[] bias;
    private final float[] thresholds;

    public LinearModel(List<String> heads, float[] weights, float[] bias, float[] thresholds) {
        this.heads = List.copyOf(heads);
        this.weights = weights;
        this.bias = bias;
        this.thresholds = thresholds;
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

    /** Probability per head. */
    public float[] predict(FeatureExtractor.Features f) {
        int k = heads.size();
        float[] z = new float[k];
        int[] ids = f.ids();
        for (int i = 0; i < f.count(); i++) {
            int base = ids[i] * k;
            for (int h = 0; h < k; h++) {
                z[h] += weights[base + h];
            }
        }
        for (int h = 0; h < k; h++) {
            z[h] = (float) (1.0 / (1.0 + Math.exp(-(z[h] * f.value() + bias[h]))));
        }
        return z;
    }

    /** The weight of one feature bucket for one head (for explanations). */
    public float weight(int bucket, int head) {
        return weights[bucket * heads.size() + head];
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
        float[] w = new float[FeatureExtractor.BUCKETS * k];
        int rows = in.readInt();
        for (int r = 0; r < rows; r++) {
            int b = in.readInt();
            for (int h = 0; h < k; h++) {
                w[b * k + h] = in.readShort() * scale[h];
            }
        }
        return new LinearModel(List.of(names), w, bias, thr);
    }

    public void write(OutputStream os) throws IOException {
        int k = heads.size();
        GZIPOutputStream gzip = new GZIPOutputStream(os, 1 << 16);
        DataOutputStream out = new DataOutputStream(gzip);
        out.writeInt(MAGIC);
        out.writeInt(FeatureExtractor.BITS);
        out.writeInt(k);
        float[] scale = new float[k];
        for (int h = 0; h < k; h++) {
            float max = 1e-9f;
            for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
                max = Math.max(max, Math.abs(weights[b * k + h]));
            }
            scale[h] = max / Short.MAX_VALUE;
            out.writeUTF(heads.get(h));
            out.writeFloat(bias[h]);
            out.writeFloat(thresholds[h]);
            out.writeFloat(scale[h]);
        }
        int rows = 0;
        short[][] q = new short[FeatureExtractor.BUCKETS][];
        for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
            boolean any = false;
            short[] row = new short[k];
            for (int h = 0; h < k; h++) {
                row[h] = (short) Math.round(weights[b * k + h] / scale[h]);
                any |= Math.abs(row[h]) > 1;
            }
            if (any) {
                q[b] = row;
                rows++;
            }
        }
        out.writeInt(rows);
        for (int b = 0; b < FeatureExtractor.BUCKETS; b++) {
            if (q[b] != null) {
                out.writeInt(b);
                for (short v : q[b]) {
                    out.writeShort(v);
                }
            }
        }
        out.flush();
        gzip.finish();
    }
}
