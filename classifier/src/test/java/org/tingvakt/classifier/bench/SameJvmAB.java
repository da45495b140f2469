package org.tingvakt.classifier.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tingvakt.classifier.eval.LatencyBenchmark;

/**
 * Tools for throughput work on a shared, loaded machine (not a test; run with {@code java -cp <test-classes>:<jar>}).
 *
 * <p>{@code corpus OUT [DATA]}: the 14,709 texts of the output-identity check (DKHate, YouTube, SMS, the four curated
 * files, and the 4,000 joined 280–300-char texts of {@code bench --min-chars 280}) as JSON Lines for the CLI; compare
 * two builds' CLI outputs with {@code cmp}.
 *
 * <p>{@code ab ROUNDS BASE.jar NEW.jar [DATA]}: loads both jars in one JVM (one class loader each) and times classify()
 * over the 4,000 long texts in alternating rounds (base, new, new, base, …), in CPU time of this thread. Both builds see
 * the same load at the same moment, so the per-round ratio is far steadier than two separate {@code bench} runs.
 */
public final class SameJvmAB {

    private SameJvmAB() {}

    public static void main(String[] a) throws Exception {
        if (a[0].equals("corpus")) {
            corpus(Path.of(a[1]), Path.of(a.length > 2 ? a[2] : "../shared/data"));
        } else {
            ab(Integer.parseInt(a[1]), Path.of(a[2]), Path.of(a[3]), Path.of(a.length > 4 ? a[4] : "../shared/data"));
        }
    }

    private static void corpus(Path out, Path data) throws IOException {
        ObjectMapper m = new ObjectMapper();
        List<String> all = new ArrayList<>();
        for (String f : List.of("dkhate/train.jsonl", "youtube-spam/train.jsonl", "sms-spam/sms.jsonl")) {
            read(data.resolve(f), all, m);
        }
        for (String f : List.of("tune", "holdout", "holdout-b", "holdout-c")) {
            read(Path.of("classifier/data/curated/" + f + ".jsonl"), all, m);
        }
        all.addAll(LatencyBenchmark.lengthened(LatencyBenchmark.corpus(data, null), 280));
        try (PrintStream ps = new PrintStream(new FileOutputStream(out.toFile()), false, StandardCharsets.UTF_8)) {
            int id = 0;
            for (String t : all) {
                ObjectNode n = m.createObjectNode();
                n.put("id", id++);
                n.put("text", t);
                ps.println(m.writeValueAsString(n));
            }
        }
        System.out.println(all.size() + " texts written to " + out);
    }

    private static void read(Path p, List<String> into, ObjectMapper m) throws IOException {
        for (String line : Files.readAllLines(p)) {
            if (!line.isBlank()) {
                String t = m.readTree(line).path("text").asText("");
                if (!t.isBlank()) {
                    into.add(t);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void ab(int rounds, Path baseJar, Path newJar, Path data) throws Exception {
        Object[] classifier = new Object[2];
        Method[] classify = new Method[2];
        List<String> texts = null;
        Path[] jars = {baseJar, newJar};
        for (int v = 0; v < 2; v++) {
            ClassLoader l =
                    new URLClassLoader(new URL[] {jars[v].toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> c = l.loadClass("org.tingvakt.classifier.Classifier");
            classifier[v] = c.getMethod("load").invoke(null);
            classify[v] = c.getMethod("classify", String.class);
            if (texts == null) {
                Class<?> b = l.loadClass("org.tingvakt.classifier.eval.LatencyBenchmark");
                List<String> corpus = (List<String>)
                        b.getMethod("corpus", Path.class, String.class).invoke(null, data, null);
                texts = (List<String>)
                        b.getMethod("lengthened", List.class, int.class).invoke(null, corpus, 280);
            }
        }
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[][] us = new double[2][rounds];
        long sink = 0;
        for (int r = -3; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                int v = (r & 1) == 0 ? i : 1 - i;
                long c0 = mx.getCurrentThreadCpuTime();
                for (String t : texts) {
                    sink += classify[v].invoke(classifier[v], t).hashCode() & 1;
                }
                if (r >= 0) {
                    us[v][r] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / texts.size();
                }
            }
        }
        String[] name = {"base", "new"};
        for (int v = 0; v < 2; v++) {
            double[] s = us[v].clone();
            Arrays.sort(s);
            System.out.printf(
                    Locale.ROOT,
                    "%s: min %.1f, p25 %.1f, median %.1f us per call (CPU) = %.0f per CPU-second" + " at the median%n",
                    name[v],
                    s[0],
                    s[rounds / 4],
                    s[rounds / 2],
                    1e6 / s[rounds / 2]);
        }
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = us[1][r] / us[0][r];
        }
        Arrays.sort(ratio);
        System.out.printf(
                Locale.ROOT,
                "new/base per round: median %.3f (p25 %.3f, p75 %.3f); load average %s (sink %d)%n",
                ratio[rounds / 2],
                ratio[rounds / 4],
                ratio[3 * rounds / 4],
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
                sink % 7);
    }
}
