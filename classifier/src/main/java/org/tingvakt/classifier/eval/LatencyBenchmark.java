package org.tingvakt.classifier.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tingvakt.classifier.Classifier;

/**
 * Single-thread throughput and per-call latency percentiles of the whole classify() on realistic comments of up to 300
 * characters. Complements the JMH benchmark (which gives throughput with error bars) with p50/p99/p99.9.
 */
public final class LatencyBenchmark {

    public static final int MAX_CHARS = 300;

    private LatencyBenchmark() {}

    /** Comments: a given file (JSON Lines with "text", or plain lines), else DKHate + YouTube + curated sets. */
    public static List<String> corpus(Path data, String file) throws IOException {
        List<String> texts = new ArrayList<>();
        if (file != null) {
            read(Files.newInputStream(Path.of(file)), texts);
        } else {
            Path curated = Files.isDirectory(Path.of("classifier/data/curated"))
                    ? Path.of("classifier/data/curated")
                    : Path.of("data/curated");
            for (Path p : List.of(
                    data.resolve("dkhate/train.jsonl"),
                    data.resolve("youtube-spam/train.jsonl"),
                    curated.resolve("tune.jsonl"),
                    curated.resolve("holdout.jsonl"))) {
                if (Files.exists(p)) {
                    read(Files.newInputStream(p), texts);
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no benchmark comments found; pass --corpus FILE or --data DIR");
        }
        return texts;
    }

    /**
     * Long comments for the worst case of the throughput target: consecutive texts of the corpus joined by a space until at
     * least {@code minChars}, then cut to {@value #MAX_CHARS}; deterministic, 4,000 comments.
     */
    public static List<String> lengthened(List<String> texts, int minChars) {
        List<String> out = new ArrayList<>(4000);
        int next = 0;
        while (out.size() < 4000) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < minChars) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(texts.get(next++ % texts.size()).replace('\n', ' '));
            }
            out.add(sb.length() > MAX_CHARS ? sb.substring(0, MAX_CHARS) : sb.toString());
        }
        return out;
    }

    public static void read(InputStream in, List<String> into) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String text = line;
                if (line.startsWith("{")) {
                    JsonNode n = json.readTree(line);
                    text = n.path("text").asText("");
                }
                if (!text.isBlank()) {
                    into.add(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text);
                }
            }
        }
    }

    /**
     * @param stream the corpus's comments, each once, classified first as a stream of new comments would be (this is where
     *     the word memo's hit rate is the one to expect in service; the lengthened texts repeat them)
     * @param texts the comments the measured loop goes round
     */
    public static void run(Classifier c, List<String> stream, List<String> texts, int seconds, PrintStream out) {
        double avgLen = texts.stream().mapToInt(String::length).average().orElse(0);
        out.printf(
                Locale.ROOT,
                "%d comments, mean length %.0f chars, max %d; warming up...%n",
                texts.size(),
                avgLen,
                texts.stream().mapToInt(String::length).max().orElse(0));
        long sink = 0;
        // the first pass sees every comment once, as a stream of new comments would: the word memo's hit rate there is
        // the one to expect in service, where the measured loop below goes round the same comments again and again
        long[] memo0 = c.wordMemoCounts();
        for (String t : stream) {
            sink += c.classify(t).labels().size();
        }
        long[] memo1 = c.wordMemoCounts();
        out.printf(
                Locale.ROOT,
                "word memo: %.1f %% of %d word look-ups hit in a first pass over the %d source comments,"
                        + " each once%n",
                percent(memo1[1] - memo0[1], memo1[0] - memo0[0]),
                memo1[0] - memo0[0],
                stream.size());
        long warmEnd = System.nanoTime() + 10_000_000_000L;
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            sink += c.classify(texts.get(i++ % texts.size())).labels().size();
        }
        int cap = 5_000_000;
        long[] lat = new long[cap];
        int n = 0;
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] memoStart = c.wordMemoCounts();
        long cpuStart = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long[] cpuLat = new long[cap];
        while (n < cap) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sink += c.classify(texts.get(i++ % texts.size())).labels().size();
            long t1 = System.nanoTime();
            cpuLat[n] = mx.getCurrentThreadCpuTime() - c0;
            lat[n++] = t1 - t0;
            if (t1 > end) {
                break;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long[] sorted = Arrays.copyOf(lat, n);
        Arrays.sort(sorted);
        out.printf(
                Locale.ROOT,
                "single thread: %d calls in %.1f s = %.0f comments/s; latency p50 %.1f us, p90 %.1f us,"
                        + " p99 %.1f us, p99.9 %.1f us, max %.1f us (sink %d)%n",
                n,
                elapsed,
                n / elapsed,
                pct(sorted, 0.5),
                pct(sorted, 0.9),
                pct(sorted, 0.99),
                pct(sorted, 0.999),
                sorted[n - 1] / 1e3,
                sink % 7);
        out.printf(
                Locale.ROOT,
                "CPU time of this thread: %.1f s = %.0f comments per CPU-second (the machine's load"
                        + " average was %.1f on %d cores; wall-clock figures above include time the thread waited for a core)%n",
                cpu,
                n / cpu,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        long[] cpuSorted = Arrays.copyOf(cpuLat, n);
        Arrays.sort(cpuSorted);
        out.printf(
                Locale.ROOT,
                "per-call CPU time (what one idle core would take; includes ~1 us of timer overhead):"
                        + " p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us%n",
                pct(cpuSorted, 0.5),
                pct(cpuSorted, 0.9),
                pct(cpuSorted, 0.99),
                pct(cpuSorted, 0.999));
        long[] memoEnd = c.wordMemoCounts();
        out.printf(
                Locale.ROOT,
                "word memo: %.1f %% of %d word look-ups hit in the measured loop (set the JVM property"
                        + " tingvakt.classifier.wordMemoSlots=0 to measure without it)%n",
                percent(memoEnd[1] - memoStart[1], memoEnd[0] - memoStart[0]),
                memoEnd[0] - memoStart[0]);
        Runtime rt = Runtime.getRuntime();
        out.printf(
                Locale.ROOT,
                "heap used %.0f MB of %.0f MB committed%n",
                (rt.totalMemory() - rt.freeMemory()) / 1e6,
                rt.totalMemory() / 1e6);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e3;
    }
}
