package org.tingvakt.classifier.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.detect.LanguageDetector;
import org.tingvakt.classifier.eval.Evaluation;
import org.tingvakt.classifier.eval.LatencyBenchmark;
import org.tingvakt.classifier.eval.PersonalDataEvaluation;
import org.tingvakt.classifier.model.Calibration;
import org.tingvakt.classifier.model.LinearModel;
import org.tingvakt.classifier.train.Datasets;
import org.tingvakt.classifier.train.LabelledText;
import org.tingvakt.classifier.train.LanguageModelCompiler;
import org.tingvakt.classifier.train.ModelTrainer;

/**
 * {@code java -jar tingvakt-classifier.jar [command]}. Without a command (or with {@code classify}): JSON Lines from
 * stdin to stdout. Other commands: {@code eval FILE}, {@code eval-dkhate}, {@code eval-youtube}, {@code eval-pii},
 * {@code bench}, {@code train}; see {@code docs/classifier.md}.
 */
public final class ClassifierCli {

    /** The training folders: set A (writer A), set E (writer E), set F (writer F, hard cases). */
    static final String DEFAULT_TRAIN =
            "classifier/data/train,classifier/data/train2,classifier/data/train3,classifier/data/train4,"
                    + "classifier/data/train5";

    private ClassifierCli() {}

    public static void main(String[] args) throws IOException {
        String cmd = args.length == 0 ? "classify" : args[0];
        Map<String, String> opt = options(args);
        Path data = Path.of(opt.getOrDefault("data", "../shared/data"));
        Path tune = Path.of(opt.getOrDefault("curated", "classifier/data/curated/tune.jsonl"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (cmd) {
            case "classify" -> {
                if (!relaunchedWithSmallHeap(args)) {
                    classify();
                }
            }
            case "eval" -> {
                if (args.length < 2) {
                    usage();
                }
                Evaluation.labelledFile(Classifier.load(), Path.of(args[1]), out, true);
            }
            case "eval-dkhate" ->
                Evaluation.dkhateCrossValidation(
                        data.resolve("dkhate/train.jsonl"),
                        tune,
                        Datasets.folders(opt.getOrDefault("train", DEFAULT_TRAIN)),
                        Integer.parseInt(opt.getOrDefault("folds", "5")),
                        out);
            case "eval-youtube" -> Evaluation.youtubeRotations(data.resolve("youtube-spam/train.jsonl"), out);
            case "eval-pii" -> {
                boolean ok = PersonalDataEvaluation.run(
                        Classifier.load(),
                        data.resolve("se-personnummer-testdata/skatteverket-test-numbers.json"),
                        out);
                out.println(ok ? "PERSONAL_DATA checks: all passed" : "PERSONAL_DATA checks: FAILED (see above)");
            }
            case "bench" -> {
                List<String> comments = LatencyBenchmark.corpus(data, opt.get("corpus"));
                List<String> corpus = comments;
                if (opt.containsKey("min-chars")) {
                    corpus = LatencyBenchmark.lengthened(comments, Integer.parseInt(opt.get("min-chars")));
                }
                LatencyBenchmark.run(
                        Classifier.load(), comments, corpus, Integer.parseInt(opt.getOrDefault("seconds", "20")), out);
            }
            case "train" ->
                train(
                        data,
                        tune,
                        Datasets.folders(opt.getOrDefault("train", DEFAULT_TRAIN)),
                        Path.of(opt.getOrDefault("tune", "classifier/data/tune")),
                        Path.of(opt.getOrDefault("out", "classifier/src/main/resources/org/tingvakt/classifier")),
                        out);
            case "calibrate" -> {
                Path outDir = Path.of(opt.getOrDefault("out", "classifier/src/main/resources/org/tingvakt/classifier"));
                LinearModel m;
                try (var in = Files.newInputStream(outDir.resolve("model.bin"))) {
                    m = LinearModel.read(in);
                }
                calibrate(m, Path.of(opt.getOrDefault("tune", "classifier/data/tune")), outDir, out);
            }
            case "eval-transfer" ->
                Evaluation.transfer(
                        data,
                        tune,
                        Datasets.folders(opt.getOrDefault("train", DEFAULT_TRAIN)),
                        Path.of(opt.getOrDefault("tune", "classifier/data/tune")),
                        opt.get("langs"),
                        out);
            case "eval-cv" ->
                Evaluation.crossValidation(
                        data,
                        tune,
                        Datasets.folders(opt.getOrDefault("train", DEFAULT_TRAIN)),
                        Integer.parseInt(opt.getOrDefault("folds", "3")),
                        out);
            case "-h", "--help", "help" -> usage();
            default -> usage();
        }
    }

    /**
     * {@code java -jar} with no options gives the JVM a quarter of the machine's memory, and G1 then grows the heap to
     * ~350 MB on a long stream although the classifier lives in ~40 MB. For the streaming command, the jar starts itself
     * again with a 128 MB heap and the serial collector (measured: 161 MB resident) unless the caller chose a heap
     * ({@code -Xmx}) or set {@code TINGVAKT_NO_RELAUNCH}. The parent only waits; it never loads the classifier.
     */
    private static boolean relaunchedWithSmallHeap(String[] args) {
        if (System.getProperty("tingvakt.relaunched") != null
                || System.getenv("TINGVAKT_NO_RELAUNCH") != null
                || Runtime.getRuntime().maxMemory() < 512L * 1024 * 1024) {
            return false;
        }
        try {
            Path jar = Path.of(ClassifierCli.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (!Files.isRegularFile(jar)) {
                return false;
            }
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m",
                    "-XX:+UseSerialGC",
                    "-Dtingvakt.relaunched=true",
                    "-cp",
                    jar.toString(),
                    ClassifierCli.class.getName()));
            cmd.addAll(List.of(args));
            Process child = new ProcessBuilder(cmd).inheritIO().start();
            int code = child.waitFor();
            System.exit(code);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void classify() throws IOException {
        OutputStream stdout = System.out;
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        new JsonLinesClassifier(Classifier.load()).run(new InputStreamReader(System.in, StandardCharsets.UTF_8), w);
        w.flush();
    }

    private static void train(Path data, Path tune, List<Path> trainDirs, Path tuneDir, Path outDir, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        Path langid = outDir.resolve("langid.bin");
        int grams = LanguageModelCompiler.compile(langid);
        out.printf(Locale.ROOT, "language model: %d n-grams -> %s (%d bytes)%n", grams, langid, Files.size(langid));
        LanguageDetector detector;
        try (var in = Files.newInputStream(langid)) {
            detector = LanguageDetector.read(in);
        }
        List<LabelledText> all = Evaluation.trainingData(data, tune, trainDirs, null);
        ModelTrainer trainer = new ModelTrainer(Classifier.rulesOnly(detector));
        LinearModel model = trainer.train(trainer.featurise(all), Datasets.ALL_HEADS, true);
        Path modelFile = outDir.resolve("model.bin");
        try (OutputStream os = Files.newOutputStream(modelFile)) {
            model.write(os);
        }
        out.printf(
                Locale.ROOT,
                "model: %d heads trained on %d texts -> %s (%d bytes) in %.1f s%n",
                model.heads().size(),
                all.size(),
                modelFile,
                Files.size(modelFile),
                (System.nanoTime() - t0) / 1e9);
        for (int h = 0; h < model.heads().size(); h++) {
            out.printf(Locale.ROOT, "  %-12s threshold %.3f%n", model.heads().get(h), model.threshold(h));
        }
        calibrate(model, tuneDir, outDir, out);
        out.println("rebuild the jar (./mvnw -B -pl classifier package) to ship the new model");
    }

    /** Fits calibration.tsv in outDir for the model on the tuning set (part of train; also its own command). */
    private static void calibrate(LinearModel model, Path tuneDir, Path outDir, PrintStream out) throws IOException {
        List<LabelledText> tuneSet = Datasets.curatedDir(tuneDir, 1.0);
        Path calFile = outDir.resolve("calibration.tsv");
        if (tuneSet.isEmpty()) {
            Files.deleteIfExists(calFile);
            out.println("no tuning set in " + tuneDir + ": no calibration");
            return;
        }
        Calibration cal = Evaluation.fitCalibration(Classifier.withModel(model), tuneSet, out);
        try (var w = Files.newBufferedWriter(calFile, StandardCharsets.UTF_8)) {
            cal.write(w);
        }
        out.printf(
                Locale.ROOT,
                "calibration: %d label x language groups fitted on %d tuning comments -> %s%n",
                cal.groups(),
                tuneSet.size(),
                calFile);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                m.put(args[i].substring(2), args[i + 1]);
                i++;
            }
        }
        return m;
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar tingvakt-classifier.jar [command] [options]
                  (none) | classify          JSON Lines stdin -> stdout: {"id","text","lang"?} -> labels, intents, scores, spans
                  eval FILE                  P/R/F1 per label and intent, macro-F1, per language, for a labelled JSONL file
                  eval-dkhate [--folds 5]    DKHate stratified k-fold cross-validation, OffensEval macro-F1
                  eval-youtube               ADVERTISING on YouTube spam, train on three videos, test on the fourth
                  eval-pii                   Skatteverket numbers, organisation numbers, dates, phones, CPR/fnr/HETU
                  bench [--seconds 20] [--corpus FILE] [--min-chars 280]
                                             single-thread throughput and latency percentiles of classify()
                  calibrate                  refit calibration.tsv for the model.bin in --out on the tuning set (--tune)
                  eval-transfer [--langs nn,sv]  per language: heads trained without it, scored on its tuning rows
                  eval-cv [--folds 3]        k-fold CV over the training folders' rows (heads retrained per fold)
                  train                      rebuild langid.bin, model.bin and calibration.tsv (see docs/classifier.md)
                options: --data DIR (default ../shared/data), --curated FILE (default classifier/data/curated/tune.jsonl),
                         --train DIR,DIR,... (default classifier/data/train,train2,…,train5), --tune DIR (default classifier/data/tune),
                         --out DIR (train; default classifier/src/main/resources/org/tingvakt/classifier), --corpus FILE""");
        System.exit(2);
    }
}
