package org.tingvakt.classifier.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tingvakt.classifier.Language;

/**
 * Platt scaling per label (or intent) and language: {@code p = 1 / (1 + exp(-(a · logit(s) + b)))} maps the pipeline's
 * score {@code s} (the larger of the best rule and the head) onto the share of comments with that score that carry the
 * label in the tuning set. With it, "hide at 0.9, review at 0.5" means the same in every language.
 *
 * <p>Fitted on the tuning set by {@code train} ({@link #fit}): for each label and language with at least
 * {@value #MIN_PER_CLASS} positives and negatives, else for the label over all languages, else the identity. The fit is
 * regularised towards the identity (a = 1, b = 0) and uses Platt's smoothed targets, so that a label the rules separate
 * perfectly on the tuning set does not get an infinite slope.
 */
public final class Calibration {

    public static final String RESOURCE = "/org/tingvakt/classifier/calibration.tsv";
    static final int MIN_PER_CLASS = 8;
    private static final double PRIOR = 2.0;
    private static final double EPS = 1e-3;
    private static final String ALL = "all";

    /** name → language code (or "all") → {a, b} or {a, b, decision threshold}. */
    private final Map<String, Map<String, double[]>> params;

    private Calibration(Map<String, Map<String, double[]>> params) {
        this.params = params;
    }

    /** No calibration: every score passes unchanged. */
    public static final Calibration IDENTITY = new Calibration(Map.of());

    /**
     * The calibrated score at which {@code name} fires for a comment in {@code lang}: 0.5 unless a decision threshold was
     * fitted for the label × language (or the label over all languages) on the tuning set ({@link #withThresholds}).
     */
    public double threshold(String name, Language lang) {
        Map<String, double[]> byLang = params.get(name);
        if (byLang == null) {
            return 0.5;
        }
        double[] ab = byLang.get(lang.code());
        if (ab == null) {
            ab = byLang.get(ALL);
        }
        return ab == null || ab.length < 3 ? 0.5 : ab[2];
    }

    /** The names and language groups (language code or "all") that have a fitted curve, for fitting thresholds. */
    public Map<String, java.util.Set<String>> groupsByName() {
        Map<String, java.util.Set<String>> out = new TreeMap<>();
        params.forEach((k, v) -> out.put(k, new java.util.TreeSet<>(v.keySet())));
        return out;
    }

    /** This calibration with the given decision thresholds (name → group → threshold) for groups that have a curve. */
    public Calibration withThresholds(Map<String, Map<String, Double>> thresholds) {
        Map<String, Map<String, double[]>> p = new TreeMap<>();
        params.forEach((name, byLang) -> {
            Map<String, double[]> m = new TreeMap<>();
            byLang.forEach((g, ab) -> {
                Double t = thresholds.getOrDefault(name, Map.of()).get(g);
                m.put(g, t == null ? new double[] {ab[0], ab[1]} : new double[] {ab[0], ab[1], t});
            });
            p.put(name, m);
        });
        return new Calibration(p);
    }

    /** The calibrated score of {@code name} for a comment in {@code lang}. */
    public double apply(String name, Language lang, double s) {
        Map<String, double[]> byLang = params.get(name);
        if (byLang == null) {
            return s;
        }
        double[] ab = byLang.get(lang.code());
        if (ab == null) {
            ab = byLang.get(ALL);
        }
        if (ab == null) {
            return s;
        }
        return map(ab, s);
    }

    private static double map(double[] ab, double s) {
        return 1.0 / (1.0 + Math.exp(-(ab[0] * logit(s) + ab[1])));
    }

    static double logit(double s) {
        double c = Math.min(1 - EPS, Math.max(EPS, s));
        return Math.log(c / (1 - c));
    }

    /** One scored example: the raw score of one label for one comment, the comment's language group and the gold answer. */
    public record Point(String name, String lang, double score, boolean gold) {}

    /** Fits the parameters per label × language (falling back to the label over all languages) on the points. */
    public static Calibration fit(List<Point> points) {
        Map<String, Map<String, java.util.List<Point>>> groups = new TreeMap<>();
        for (Point p : points) {
            Map<String, java.util.List<Point>> g = groups.computeIfAbsent(p.name(), k -> new TreeMap<>());
            g.computeIfAbsent(p.lang(), k -> new java.util.ArrayList<>()).add(p);
            g.computeIfAbsent(ALL, k -> new java.util.ArrayList<>()).add(p);
        }
        Map<String, Map<String, double[]>> params = new TreeMap<>();
        for (Map.Entry<String, Map<String, java.util.List<Point>>> e : groups.entrySet()) {
            Map<String, double[]> byLang = new TreeMap<>();
            for (Map.Entry<String, java.util.List<Point>> g : e.getValue().entrySet()) {
                long pos = g.getValue().stream().filter(Point::gold).count();
                long neg = g.getValue().size() - pos;
                if (pos >= MIN_PER_CLASS && neg >= MIN_PER_CLASS) {
                    byLang.put(g.getKey(), platt(g.getValue(), pos, neg));
                }
            }
            if (!byLang.isEmpty()) {
                params.put(e.getKey(), byLang);
            }
        }
        return new Calibration(params);
    }

    /**
     * Newton's method on the log loss with Platt's targets ((N+ + 1) / (N+ + 2) and 1 / (N- + 2)) and a Gaussian prior of
     * weight {@value #PRIOR} around a = 1, b = 0.
     */
    static double[] platt(List<Point> pts, long pos, long neg) {
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int it = 0; it < 100; it++) {
            double ga = PRIOR * (a - 1);
            double gb = PRIOR * b;
            double haa = PRIOR;
            double hab = 0;
            double hbb = PRIOR;
            for (Point p : pts) {
                double x = logit(p.score());
                double q = 1.0 / (1.0 + Math.exp(-(a * x + b)));
                double t = p.gold() ? hi : lo;
                double d = q - t;
                double w = q * (1 - q);
                ga += d * x;
                gb += d;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (Math.abs(det) < 1e-12) {
                break;
            }
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            // backtracking: halve the Newton step until the penalised loss goes down (a full step overshoots when the
            // scores sit at the extremes, where the Hessian is nearly flat)
            double before = loss(pts, a, b, hi, lo);
            double step = 1;
            while (step > 1e-6 && loss(pts, a - step * da, b - step * db, hi, lo) > before) {
                step /= 2;
            }
            a -= step * da;
            b -= step * db;
            if (step * (Math.abs(da) + Math.abs(db)) < 1e-9) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double loss(List<Point> pts, double a, double b, double hi, double lo) {
        double l = 0.5 * PRIOR * ((a - 1) * (a - 1) + b * b);
        for (Point p : pts) {
            double z = a * logit(p.score()) + b;
            double t = p.gold() ? hi : lo;
            // log(1 + e^z) - t z, computed without overflow
            l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
        }
        return l;
    }

    /**
     * Tab-separated: name, language (or "all"), a, b and, when fitted, the decision threshold; sorted, so the same fit
     * writes the same bytes.
     */
    public void write(Writer w) throws IOException {
        w.write(
                "# Platt scaling per label and language: p = 1 / (1 + exp(-(a * logit(score) + b))); optional 5th column:"
                        + " the calibrated score at which the label fires (default 0.5); written by train\n");
        for (Map.Entry<String, Map<String, double[]>> e : new TreeMap<>(params).entrySet()) {
            for (Map.Entry<String, double[]> g : new TreeMap<>(e.getValue()).entrySet()) {
                double[] v = g.getValue();
                w.write(String.format(Locale.ROOT, "%s\t%s\t%.6f\t%.6f", e.getKey(), g.getKey(), v[0], v[1]));
                if (v.length > 2) {
                    w.write(String.format(Locale.ROOT, "\t%.3f", v[2]));
                }
                w.write("\n");
            }
        }
    }

    public static Calibration read(InputStream in) throws IOException {
        Map<String, Map<String, double[]>> params = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            double[] v = f.length > 4
                    ? new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])}
                    : new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            params.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], v);
        }
        return new Calibration(params);
    }

    /** The shipped calibration, or the identity when the resource is missing (a model trained without a tuning set). */
    public static Calibration load() {
        try (InputStream in = Calibration.class.getResourceAsStream(RESOURCE)) {
            return in == null ? IDENTITY : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of fitted (label, language) groups, for reports. */
    public int groups() {
        return params.values().stream().mapToInt(Map::size).sum();
    }
}
