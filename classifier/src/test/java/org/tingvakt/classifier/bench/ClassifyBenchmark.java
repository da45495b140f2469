package org.tingvakt.classifier.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.tingvakt.classifier.Classification;
import org.tingvakt.classifier.Classifier;
import org.tingvakt.classifier.eval.LatencyBenchmark;

/**
 * JMH benchmark of the whole classify() on one thread, over realistic comments cut to at most 300 characters (DKHate,
 * YouTube and the curated sets; set -Dtingvakt.data=DIR when the shared data is elsewhere than ../shared/data;
 * -Dtingvakt.minChars=280 joins them into 4,000 comments of 280–300 characters, the throughput target's worst case). Run:
 * {@code ./mvnw -B -pl classifier -Pbench verify} (see docs/classifier.md).
 */
@State(Scope.Thread)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx512m"})
@Threads(1)
public class ClassifyBenchmark {

    private Classifier classifier;
    private List<String> comments;
    private int next;

    @Setup
    public void setUp() throws IOException {
        classifier = Classifier.load();
        Path data = Path.of(System.getProperty("tingvakt.data", "../../shared/data"));
        comments = LatencyBenchmark.corpus(data, System.getProperty("tingvakt.corpus"));
        if (System.getProperty("tingvakt.minChars") != null) {
            comments = LatencyBenchmark.lengthened(comments, Integer.getInteger("tingvakt.minChars"));
        }
    }

    /** Comments per second on one thread. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Classification throughput() {
        return classifyNext();
    }

    /** Distribution of single-call latency (JMH prints p50, p90, p99, p99.9). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Classification latency() {
        return classifyNext();
    }

    private Classification classifyNext() {
        String text = comments.get(next);
        next = next + 1 == comments.size() ? 0 : next + 1;
        return classifier.classify(text);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                        .include(ClassifyBenchmark.class.getSimpleName())
                        .build())
                .run();
    }
}
