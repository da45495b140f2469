package org.tingvakt.classifier.eval;

import java.util.Locale;

/** True/false positives and negatives of one binary decision, with precision, recall and F1. */
public final class Counts {
    public int tp;
    public int fp;
    public int fn;
    public int tn;

    public void add(boolean predicted, boolean gold) {
        if (predicted && gold) {
            tp++;
        } else if (predicted) {
            fp++;
        } else if (gold) {
            fn++;
        } else {
            tn++;
        }
    }

    public void addAll(Counts o) {
        tp += o.tp;
        fp += o.fp;
        fn += o.fn;
        tn += o.tn;
    }

    public double precision() {
        return tp + fp == 0 ? (fn == 0 ? 1 : 0) : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    public double f1() {
        return 2.0 * tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** F1 of the negative class (for macro-F1 over a binary task such as OffensEval). */
    public double f1Negative() {
        return 2.0 * tn + fp + fn == 0 ? 1 : 2.0 * tn / (2.0 * tn + fp + fn);
    }

    public double accuracy() {
        int n = tp + fp + fn + tn;
        return n == 0 ? 0 : (double) (tp + tn) / n;
    }

    public int support() {
        return tp + fn;
    }

    public String row(String name) {
        return String.format(
                Locale.ROOT,
                "%-14s %6.3f %6.3f %6.3f %6d %6d %6d",
                name,
                precision(),
                recall(),
                f1(),
                support(),
                tp,
                fp);
    }

    public static String header() {
        return String.format(Locale.ROOT, "%-14s %6s %6s %6s %6s %6s %6s", "label", "P", "R", "F1", "gold", "tp", "fp");
    }
}
