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
import org.tingvakt.classifier.model.LinearModel;
import org.tingvakt.classifier.train.Datasets;
import org.tingvakt.classifier.train.LabelledText;
import org.tingvakt.classifier.train.ModelTrainer;

/** The evaluation commands: a labelled file, DKHate cross-validation, YouTube rotations. Each prints its figures. */
public final class Evaluation {

    private Evaluation() {
    }

    /** Precision, recall and F1 per label and intent, macro-F1, and the same per language, for a curated-format file. */
    public static Map<String, Counts> labelledFile(Classifier c, Path file, PrintStream out) throws IOException {
        List<LabelledText> data = Datasets.curated(file, 1.0);
        Map<String, Counts> total = new LinkedHashMap<>();
        Map<String, Map<String, Counts>> byLang = new TreeMap<>();
        int langRight = 0;
        int exact = 0;
        for (LabelledText t : data) {
            Classification r = c.classify(t.text(), t.lang());
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
        out.printf(Locale.ROOT, "file %s: %d texts, language right %d (%.3f), all labels and intents right %d (%.3f)%n",
                file, data.size(), langRight, (double) langRight / data.size(), exact, (double) exact / data.size());
        print(total, out, "all languages");
        for (Map.Entry<String, Map<String, Counts>> e : byLang.entrySet()) {
            print(e.getValue(), out, "language " + e.getKey());
        }
        return total;
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
    public static double dkhateCrossValidation(Path dkhate, Path curatedTune, int folds, PrintStream out) throws IOException {
        List<LabelledText> data = Datasets.dkhate(dkhate);
        List<LabelledText> extra = curatedTune == null ? List.of() : Datasets.curated(curatedTune, 3.0);
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
            out.printf(Locale.ROOT, "fold %d: macro-F1 %.4f (F1 OFF %.3f, F1 NOT %.3f, P %.3f, R %.3f) thresholds %s%n", f + 1,
                    macro, fc.f1(), fc.f1Negative(), fc.precision(), fc.recall(), thresholds(model));
            all.addAll(fc);
        }
        double pooled = (all.f1() + all.f1Negative()) / 2;
        double rules = (rulesOnly.f1() + rulesOnly.f1Negative()) / 2;
        out.printf(Locale.ROOT, "DKHate %d-fold CV: mean macro-F1 %.4f, pooled macro-F1 %.4f (F1 OFF %.3f, F1 NOT %.3f,"
                + " P(OFF) %.3f, R(OFF) %.3f, accuracy %.3f)%n", folds, sumMacro / folds, pooled, all.f1(),
                all.f1Negative(), all.precision(), all.recall(), all.accuracy());
        out.printf(Locale.ROOT, "rules alone (no trained heads): macro-F1 %.4f (F1 OFF %.3f, P %.3f, R %.3f)%n", rules,
                rulesOnly.f1(), rulesOnly.precision(), rulesOnly.recall());
        return sumMacro / folds;
    }

    private static String thresholds(LinearModel m) {
        StringBuilder sb = new StringBuilder();
        for (int h = 0; h < m.heads().size(); h++) {
            sb.append(m.heads().get(h)).append('=').append(String.format(Locale.ROOT, "%.3f", m.threshold(h))).append(' ');
        }
        return sb.toString().trim();
    }

    static boolean offensive(Classification c) {
        return c.labels().contains(Label.THREAT) || c.labels().contains(Label.HATE) || c.labels().contains(Label.INSULT)
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
        List<String> videos = data.stream().map(LabelledText::group).distinct().sorted().toList();
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
                k.add(c.classify(t.text(), t.lang()).labels().contains(Label.ADVERTISING), t.positives().contains("ADVERTISING"));
            }
            sum += k.accuracy();
            out.printf(Locale.ROOT, "test on %-10s (train on the other three): accuracy %.4f  P %.3f  R %.3f  F1 %.3f  (n=%d)%n",
                    video, k.accuracy(), k.precision(), k.recall(), k.f1(), test.size());
        }
        out.printf(Locale.ROOT, "YouTube rotations: mean accuracy %.4f%n", sum / videos.size());
        return sum / videos.size();
    }
}
