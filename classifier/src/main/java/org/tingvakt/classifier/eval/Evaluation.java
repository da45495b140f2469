package org.tingvakt.classifier.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.Intent;
import org.tingvakt.classifier.Label;
import org.tingvakt.classifier.model.Calibration;
import org.tingvakt.classifier.model.LinearModel;
import org.tingvakt.classifier.train.Datasets;
import org.tingvakt.classifier.train.LabelledText;
import org.tingvakt.classifier.train.ModelTrainer;

/** The evaluation commands: a labelled file, DKHate cross-validation, YouTube rotations. Each prints its figures. */
public final class Evaluation {

    private Evaluation() {}

    /** Weight of a training set A comment (DKHate and spam rows weigh 1, the old curated tune file 3). */
    public static final double TRAIN_SET_WEIGHT =
            Double.parseDouble(System.getProperty("tingvakt.trainSetWeight", "2"));

    /** Precision, recall and F1 per label and intent, macro-F1, and the same per language, for a curated-format file. */
    public static Map<String, Counts> labelledFile(Classifier c, Path file, PrintStream out) throws IOException {
        return labelledFile(c, file, out, false);
    }

    /**
     * As {@link #labelledFile(Classifier, Path, PrintStream)}; with {@code extended}, also the share of lawful criticism
     * (rows with no label and a COMPLAINT or POLITICAL intent) flagged INSULT, HATE or THREAT, per language, and the
     * calibration of the scores (reliability table, expected calibration error overall and per language). {@code file}
     * may be a folder of JSONL files.
     */
    public static Map<String, Counts> labelledFile(Classifier c, Path file, PrintStream out, boolean extended)
            throws IOException {
        List<LabelledText> data = Datasets.curatedPath(file, 1.0);
        List<String> names = Classifier.scoreNames();
        Map<String, int[]> criticism = new TreeMap<>();
        Map<String, Reliability> reliability = new TreeMap<>();
        Reliability overall = new Reliability();
        double[] sc = new double[names.size()];
        Map<String, Counts> total = new LinkedHashMap<>();
        Map<String, Map<String, Counts>> byLang = new TreeMap<>();
        int langRight = 0;
        int exact = 0;
        for (LabelledText t : data) {
            Classification r = extended ? c.allScores(t.text(), t.lang(), sc) : c.classify(t.text(), t.lang());
            if (extended) {
                Reliability rl = reliability.computeIfAbsent(t.group(), g -> new Reliability());
                for (int k = 0; k < names.size(); k++) {
                    boolean g = t.positives().contains(names.get(k));
                    rl.add(sc[k], g);
                    overall.add(sc[k], g);
                }
                boolean noLabel = true;
                for (Label l : Label.values()) {
                    noLabel &= !t.positives().contains(l.name());
                }
                if (noLabel
                        && (t.positives().contains("COMPLAINT") || t.positives().contains("POLITICAL"))) {
                    boolean flagged = r.labels().contains(Label.INSULT)
                            || r.labels().contains(Label.HATE)
                            || r.labels().contains(Label.THREAT);
                    for (String g : new String[] {"all", t.group()}) {
                        int[] cr = criticism.computeIfAbsent(g, k -> new int[2]);
                        cr[0]++;
                        cr[1] += flagged ? 1 : 0;
                    }
                }
            }
            if (r.language().code().equals(t.group())) {
                langRight++;
            }
            Set<String> predicted = new HashSet<>();
            r.labels().forEach(l -> predicted.add(l.name()));
            r.intents().forEach(i -> predicted.add(i.name()));
            Set<String> gold = new HashSet<>(t.positives());
            gold.remove("OFFENSIVE");
            if (predicted.equals(gold)) {
                exact++;
            }
            Map<String, Counts> lang = byLang.computeIfAbsent(t.group(), g -> new LinkedHashMap<>());
            for (String name : names()) {
                total.computeIfAbsent(name, n -> new Counts()).add(predicted.contains(name), gold.contains(name));
                lang.computeIfAbsent(name, n -> new Counts()).add(predicted.contains(name), gold.contains(name));
            }
        }
        out.printf(
                Locale.ROOT,
                "file %s: %d texts, language right %d (%.3f), all labels and intents right %d (%.3f)%n",
                file,
                data.size(),
                langRight,
                (double) langRight / data.size(),
                exact,
                (double) exact / data.size());
        print(total, out, "all languages");
        for (Map.Entry<String, Map<String, Counts>> e : byLang.entrySet()) {
            print(e.getValue(), out, "language " + e.getKey());
        }
        if (extended) {
            out.println();
            out.println("== lawful criticism (no label; COMPLAINT or POLITICAL) flagged INSULT, HATE or THREAT");
            for (Map.Entry<String, int[]> e : criticism.entrySet()) {
                int[] cr = e.getValue();
                out.printf(
                        Locale.ROOT,
                        "%-6s %4d of %4d flagged (%.3f)%n",
                        e.getKey(),
                        cr[1],
                        cr[0],
                        cr[0] == 0 ? 0.0 : (double) cr[1] / cr[0]);
            }
            out.println();
            out.println("== calibration: every (comment, label or intent) score against its gold answer");
            overall.print(out);
            out.printf(
                    Locale.ROOT,
                    "ECE all languages %.4f (n=%d); over scores >= 0.1: %.4f%n",
                    overall.ece(),
                    overall.n(),
                    overall.eceReported());
            for (Map.Entry<String, Reliability> e : reliability.entrySet()) {
                out.printf(
                        Locale.ROOT,
                        "ECE %-6s %.4f (n=%d); over scores >= 0.1: %.4f%n",
                        e.getKey(),
                        e.getValue().ece(),
                        e.getValue().n(),
                        e.getValue().eceReported());
            }
        }
        return total;
    }

    /**
     * The training data of the shipped model: DKHate, TubeSpam, SMS spam, the old curated tune file (weight 3) and the
     * training set A folder (weight 2). {@code withoutLang}: leave out the curated rows of this language (and DKHate when
     * it is Danish), for the transfer report.
     */
    public static List<LabelledText> trainingData(Path data, Path curatedTune, Path trainDir, String withoutLang)
            throws IOException {
        List<LabelledText> all = new ArrayList<>();
        if (!"da".equals(withoutLang)) {
            all.addAll(Datasets.dkhate(data.resolve("dkhate/train.jsonl")));
        }
        all.addAll(Datasets.spam(data.resolve("youtube-spam/train.jsonl"), "youtube"));
        all.addAll(Datasets.spam(data.resolve("sms-spam/sms.jsonl"), "sms"));
        for (LabelledText t : Datasets.curated(curatedTune, 3.0)) {
            if (!t.group().equals(withoutLang)) {
                all.add(t);
            }
        }
        for (LabelledText t : Datasets.curatedDir(trainDir, TRAIN_SET_WEIGHT)) {
            if (!t.group().equals(withoutLang)) {
                all.add(t);
            }
        }
        return all;
    }

    /**
     * Fits the Platt calibration per label × language on the tuning set (groups by the language the pipeline detects, as
     * at run time), and prints the expected calibration error before and after it by 5-fold cross-validation over the
     * tuning comments (each fold's scores calibrated by a fit on the other four), so that the figure is not the fit's own.
     */
    public static Calibration fitCalibration(Classifier uncalibrated, List<LabelledText> tune, PrintStream out) {
        List<String> names = Classifier.scoreNames();
        List<List<Calibration.Point>> rows = new ArrayList<>();
        for (LabelledText t : tune) {
            double[] raw = new double[names.size()];
            Classification r = uncalibrated.rawScores(t.text(), t.lang(), raw);
            List<Calibration.Point> pts = new ArrayList<>(names.size());
            for (int k = 0; k < names.size(); k++) {
                pts.add(new Calibration.Point(
                        names.get(k), r.language().code(), raw[k], t.positives().contains(names.get(k))));
            }
            rows.add(pts);
        }
        int folds = 5;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(ModelTrainer.SEED));
        Reliability before = new Reliability();
        Reliability after = new Reliability();
        for (int f = 0; f < folds; f++) {
            List<Calibration.Point> fitOn = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                if (i % folds != f) {
                    fitOn.addAll(rows.get(order.get(i)));
                }
            }
            Calibration cal = Calibration.fit(fitOn);
            for (int i = 0; i < order.size(); i++) {
                if (i % folds == f) {
                    for (Calibration.Point p : rows.get(order.get(i))) {
                        before.add(p.score(), p.gold());
                        after.add(
                                cal.apply(p.name(), org.tingvakt.classifier.Language.fromCode(p.lang()), p.score()),
                                p.gold());
                    }
                }
            }
        }
        out.println("calibration, 5-fold cross-validation over the tuning comments (all labels and intents pooled):");
        out.println("before (raw scores):");
        before.print(out);
        out.println("after (Platt per label x language, fitted on the other folds):");
        after.print(out);
        out.printf(
                Locale.ROOT,
                "ECE before %.4f (scores >= 0.1: %.4f), after %.4f (scores >= 0.1: %.4f)%n",
                before.ece(),
                before.eceReported(),
                after.ece(),
                after.eceReported());
        List<Calibration.Point> allPts = new ArrayList<>();
        rows.forEach(allPts::addAll);
        return Calibration.fit(allPts);
    }

    /**
     * Transfer: for each language of the tuning set, the heads are trained without that language's curated rows (and
     * without DKHate for Danish), thresholds by inner CV as for the shipped model, no calibration; scored on that
     * language's tuning rows, next to the same training with every language.
     */
    public static void transfer(Path data, Path curatedTune, Path trainDir, Path tuneDir, PrintStream out)
            throws IOException {
        transfer(data, curatedTune, trainDir, tuneDir, null, out);
    }

    /** As above for the given languages only (comma list; null: every language of the tuning set). */
    public static void transfer(Path data, Path curatedTune, Path trainDir, Path tuneDir, String only, PrintStream out)
            throws IOException {
        List<LabelledText> tune = Datasets.curatedDir(tuneDir, 1.0);
        List<String> langs = tune.stream()
                .map(LabelledText::group)
                .distinct()
                .sorted()
                .filter(l -> only == null || List.of(only.split(",")).contains(l))
                .toList();
        Classifier featuriser = Classifier.rulesOnly();
        ModelTrainer trainer = new ModelTrainer(featuriser);
        List<LabelledText> full = trainingData(data, curatedTune, trainDir, null);
        List<ModelTrainer.Featurised> fx = trainer.featurise(full);
        Classifier withAll = Classifier.withModel(trainer.train(fx, Datasets.ALL_HEADS, true));
        out.printf(
                Locale.ROOT, "%-5s %8s %14s %14s %s%n", "lang", "n tune", "macro-F1 all", "macro-F1 w/o", "difference");
        for (String lang : langs) {
            List<ModelTrainer.Featurised> without = new ArrayList<>();
            for (int i = 0; i < full.size(); i++) {
                LabelledText t = full.get(i);
                boolean dropped = t.group().equals(lang) || "da".equals(lang) && t.id().startsWith("dkhate-");
                if (!dropped) {
                    without.add(fx.get(i));
                }
            }
            Classifier c = Classifier.withModel(trainer.train(without, Datasets.ALL_HEADS, true));
            List<LabelledText> test =
                    tune.stream().filter(t -> t.group().equals(lang)).toList();
            double a = macro(withAll, test);
            double b = macro(c, test);
            out.printf(Locale.ROOT, "%-5s %8d %14.3f %14.3f %+.3f%n", lang, test.size(), a, b, b - a);
        }
    }

    private static double macro(Classifier c, List<LabelledText> test) {
        Map<String, Counts> table = new LinkedHashMap<>();
        for (LabelledText t : test) {
            Classification r = c.classify(t.text(), t.lang());
            Set<String> predicted = new HashSet<>();
            r.labels().forEach(l -> predicted.add(l.name()));
            r.intents().forEach(i -> predicted.add(i.name()));
            for (String name : names()) {
                table.computeIfAbsent(name, n -> new Counts())
                        .add(predicted.contains(name), t.positives().contains(name));
            }
        }
        double sum = 0;
        int n = 0;
        for (Counts k : table.values()) {
            if (k.support() > 0) {
                sum += k.f1();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Label l : Label.values()) {
            n.add(l.name());
        }
        for (Intent i : Intent.values()) {
            n.add(i.name());
        }
        return n;
    }

    /** Prints the table; macro-F1 is over the labels and intents that have gold examples in this table. */
    public static double print(Map<String, Counts> table, PrintStream out, String title) {
        out.println();
        out.println("== " + title);
        out.println(Counts.header());
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, Counts> e : table.entrySet()) {
            Counts c = e.getValue();
            if (c.support() == 0 && c.fp == 0) {
                continue;
            }
            out.println(c.row(e.getKey()));
            if (c.support() > 0) {
                sum += c.f1();
                n++;
            }
        }
        double macro = n == 0 ? 0 : sum / n;
        out.printf(Locale.ROOT, "macro-F1 %.3f over %d labels/intents with gold examples%n", macro, n);
        return macro;
    }

    /**
     * OffensEval-style macro-F1 (mean of the F1 of OFF and of NOT) on DKHate with stratified k-fold cross-validation:
     * the offensive heads are retrained on k-1 folds (plus the curated tuning set) and the whole classify() is scored on
     * the held-out fold; offensive = any of THREAT, HATE, INSULT, PROFANITY.
     */
    public static double dkhateCrossValidation(Path dkhate, Path curatedTune, int folds, PrintStream out)
            throws IOException {
        return dkhateCrossValidation(dkhate, curatedTune, null, folds, out);
    }

    /** As above, with the training set A folder (weight 2) added to every fold's training data, as in the shipped model. */
    public static double dkhateCrossValidation(Path dkhate, Path curatedTune, Path trainDir, int folds, PrintStream out)
            throws IOException {
        List<LabelledText> data = Datasets.dkhate(dkhate);
        List<LabelledText> extra =
                new ArrayList<>(curatedTune == null ? List.of() : Datasets.curated(curatedTune, 3.0));
        if (trainDir != null) {
            extra.addAll(Datasets.curatedDir(trainDir, TRAIN_SET_WEIGHT));
        }
        Classifier featuriser = Classifier.rulesOnly();
        ModelTrainer trainer = new ModelTrainer(featuriser);
        List<ModelTrainer.Featurised> fx = trainer.featurise(data);
        List<ModelTrainer.Featurised> fxExtra = trainer.featurise(extra);
        int[] fold = stratifiedFolds(data, folds);
        Counts all = new Counts();
        Counts rulesOnly = new Counts();
        List<String> heads = List.of("OFFENSIVE", "THREAT", "HATE", "INSULT", "PROFANITY");
        double sumMacro = 0;
        for (int f = 0; f < folds; f++) {
            List<ModelTrainer.Featurised> train = new ArrayList<>(fxExtra);
            List<LabelledText> test = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (fold[i] == f) {
                    test.add(data.get(i));
                } else {
                    train.add(fx.get(i));
                }
            }
            LinearModel model = trainer.train(train, heads, true);
            Classifier c = Classifier.withModel(model);
            Counts fc = new Counts();
            for (LabelledText t : test) {
                boolean gold = t.positives().contains("OFFENSIVE");
                fc.add(offensive(c.classify(t.text(), t.lang())), gold);
                rulesOnly.add(offensive(featuriser.classify(t.text(), t.lang())), gold);
            }
            double macro = (fc.f1() + fc.f1Negative()) / 2;
            sumMacro += macro;
            out.printf(
                    Locale.ROOT,
                    "fold %d: macro-F1 %.4f (F1 OFF %.3f, F1 NOT %.3f, P %.3f, R %.3f) thresholds %s%n",
                    f + 1,
                    macro,
                    fc.f1(),
                    fc.f1Negative(),
                    fc.precision(),
                    fc.recall(),
                    thresholds(model));
            all.addAll(fc);
        }
        double pooled = (all.f1() + all.f1Negative()) / 2;
        double rules = (rulesOnly.f1() + rulesOnly.f1Negative()) / 2;
        out.printf(
                Locale.ROOT,
                "DKHate %d-fold CV: mean macro-F1 %.4f, pooled macro-F1 %.4f (F1 OFF %.3f, F1 NOT %.3f,"
                        + " P(OFF) %.3f, R(OFF) %.3f, accuracy %.3f)%n",
                folds,
                sumMacro / folds,
                pooled,
                all.f1(),
                all.f1Negative(),
                all.precision(),
                all.recall(),
                all.accuracy());
        out.printf(
                Locale.ROOT,
                "rules alone (no trained heads): macro-F1 %.4f (F1 OFF %.3f, P %.3f, R %.3f)%n",
                rules,
                rulesOnly.f1(),
                rulesOnly.precision(),
                rulesOnly.recall());
        return sumMacro / folds;
    }

    private static String thresholds(LinearModel m) {
        StringBuilder sb = new StringBuilder();
        for (int h = 0; h < m.heads().size(); h++) {
            sb.append(m.heads().get(h))
                    .append('=')
                    .append(String.format(Locale.ROOT, "%.3f", m.threshold(h)))
                    .append(' ');
        }
        return sb.toString().trim();
    }

    static boolean offensive(Classification c) {
        return c.labels().contains(Label.THREAT)
                || c.labels().contains(Label.HATE)
                || c.labels().contains(Label.INSULT)
                || c.labels().contains(Label.PROFANITY);
    }

    private static int[] stratifiedFolds(List<LabelledText> data, int folds) {
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            (data.get(i).positives().contains("OFFENSIVE") ? pos : neg).add(i);
        }
        Random rnd = new Random(ModelTrainer.SEED);
        Collections.shuffle(pos, rnd);
        Collections.shuffle(neg, rnd);
        int[] fold = new int[data.size()];
        for (int i = 0; i < pos.size(); i++) {
            fold[pos.get(i)] = i % folds;
        }
        for (int i = 0; i < neg.size(); i++) {
            fold[neg.get(i)] = i % folds;
        }
        return fold;
    }

    /**
     * ADVERTISING on TubeSpam: for each video, the ADVERTISING head is trained on the other three videos only, and the whole
     * classify() is scored on the held-out video (spam = ADVERTISING among the labels).
     */
    public static double youtubeRotations(Path youtube, PrintStream out) throws IOException {
        List<LabelledText> data = Datasets.spam(youtube, "youtube");
        Classifier featuriser = Classifier.rulesOnly();
        ModelTrainer trainer = new ModelTrainer(featuriser);
        List<ModelTrainer.Featurised> fx = trainer.featurise(data);
        List<String> videos =
                data.stream().map(LabelledText::group).distinct().sorted().toList();
        double sum = 0;
        for (String video : videos) {
            List<ModelTrainer.Featurised> train = new ArrayList<>();
            List<LabelledText> test = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.get(i).group().equals(video)) {
                    test.add(data.get(i));
                } else {
                    train.add(fx.get(i));
                }
            }
            Classifier c = Classifier.withModel(trainer.train(train, List.of("ADVERTISING"), true));
            Counts k = new Counts();
            for (LabelledText t : test) {
                k.add(
                        c.classify(t.text(), t.lang()).labels().contains(Label.ADVERTISING),
                        t.positives().contains("ADVERTISING"));
            }
            sum += k.accuracy();
            out.printf(
                    Locale.ROOT,
                    "test on %-10s (train on the other three): accuracy %.4f  P %.3f  R %.3f  F1 %.3f  (n=%d)%n",
                    video,
                    k.accuracy(),
                    k.precision(),
                    k.recall(),
                    k.f1(),
                    test.size());
        }
        out.printf(Locale.ROOT, "YouTube rotations: mean accuracy %.4f%n", sum / videos.size());
        return sum / videos.size();
    }
}
