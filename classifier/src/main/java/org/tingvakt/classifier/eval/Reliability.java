package org.tingvakt.classifier.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Expected calibration error and a reliability table over (score, gold) pairs: ten equal-width bins of the score; in each,
 * the mean score against the share of gold positives; ECE = Σ (bin size / n) · |mean score − positive share|.
 */
public final class Reliability {

    private static final int BINS = 10;
    private final long[] count = new long[BINS];
    private final double[] sumScore = new double[BINS];
    private final long[] positives = new long[BINS];

    public void add(double score, boolean gold) {
        int b = Math.min(BINS - 1, Math.max(0, (int) (score * BINS)));
        count[b]++;
        sumScore[b] += score;
        if (gold) {
            positives[b]++;
        }
    }

    public long n() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        return n;
    }

    public double ece() {
        long n = n();
        if (n == 0) {
            return 0;
        }
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                e += (double) count[b] / n * Math.abs(sumScore[b] / count[b] - (double) positives[b] / count[b]);
            }
        }
        return e;
    }

    /** ECE over the bins whose mean score is at least 0.1 (the scores a moderator sees), weighted within them. */
    public double eceReported() {
        long n = 0;
        double e = 0;
        for (int b = 1; b < BINS; b++) {
            n += count[b];
        }
        if (n == 0) {
            return 0;
        }
        for (int b = 1; b < BINS; b++) {
            if (count[b] > 0) {
                e += (double) count[b] / n * Math.abs(sumScore[b] / count[b] - (double) positives[b] / count[b]);
            }
        }
        return e;
    }

    public void print(PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-11s %8s %10s %10s", "score bin", "n", "mean score", "positives"));
        for (int b = 0; b < BINS; b++) {
            if (count[b] == 0) {
                continue;
            }
            out.println(String.format(
                    Locale.ROOT,
                    "%.1f–%.1f    %8d %10.3f %10.3f",
                    b / 10.0,
                    (b + 1) / 10.0,
                    count[b],
                    sumScore[b] / count[b],
                    (double) positives[b] / count[b]));
        }
    }

    public static Reliability of(List<double[]> scoreGold) {
        Reliability r = new Reliability();
        for (double[] sg : scoreGold) {
            r.add(sg[0], sg[1] > 0);
        }
        return r;
    }
}
