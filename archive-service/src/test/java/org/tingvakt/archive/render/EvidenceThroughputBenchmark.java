package org.tingvakt.archive.render;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.tingvakt.archive.proof.HashChain;

/**
 * Throughput of what the archive does per record before it stores anything: render the PDF/A, rasterise the PNG, build the
 * native JSON, hash all three and extend the chain. One shared renderer, one worker per thread.
 *
 * <pre>
 * args: [threads (default: cores)] [warm-up seconds (10)] [iterations (8)] [seconds per iteration (5)]
 * </pre>
 * Prints records per second per iteration, then the mean and standard deviation, so runs can be compared.
 */
public final class EvidenceThroughputBenchmark {
    private EvidenceThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0
                ? Integer.parseInt(args[0])
                : Runtime.getRuntime().availableProcessors();
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        EvidenceRenderer renderer = new EvidenceRenderer();
        LongAdder done = new LongAdder();
        LongAdder pdfBytes = new LongAdder();
        LongAdder pngBytes = new LongAdder();
        // CPU time of the workers themselves: on a shared machine wall-clock throughput depends on the neighbours'
        // load,
        // CPU time per record does not (much), so both are printed.
        LongAdder cpuNanos = new LongAdder();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(pool.submit(() -> {
                String chain = HashChain.GENESIS;
                long n = 0;
                while (!stop.get()) {
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    String id = "bench-" + worker + "-" + n++;
                    RenderedEvidence r = renderer.render(EvidenceSamples.danish(id));
                    String pdfSha = HashChain.sha256(r.pdf());
                    String pngSha = HashChain.sha256(r.png());
                    byte[] json = ("{\"recordId\":\"" + id + "\",\"pdfSha256\":\"" + pdfSha + "\",\"pngSha256\":\""
                                    + pngSha + "\",\"pages\":" + r.pageCount() + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    chain = HashChain.chainHash(chain, HashChain.sha256(json), id);
                    pdfBytes.add(r.pdf().length);
                    pngBytes.add(r.png().length);
                    cpuNanos.add(mx.getCurrentThreadCpuTime() - cpu0);
                    done.increment();
                }
                return chain;
            }));
        }

        System.out.printf(
                Locale.ROOT,
                "render+hash (PDF/A-2b + PNG %.0f dpi + JSON, chained), %d thread(s), %d cores%n",
                EvidenceRenderer.DEFAULT_PNG_DPI,
                threads,
                Runtime.getRuntime().availableProcessors());
        Thread.sleep(warmup * 1000L);
        System.out.printf(Locale.ROOT, "warm-up %d s: %d records%n", warmup, done.sum());
        double[] rates = new double[iterations];
        double[] cpuMs = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long before = done.sum();
            long pdf0 = pdfBytes.sum();
            long png0 = pngBytes.sum();
            long cpu0 = cpuNanos.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = done.sum() - before;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            rates[i] = count / elapsed;
            cpuMs[i] = count == 0 ? 0 : (cpuNanos.sum() - cpu0) / 1e6 / count;
            System.out.printf(
                    Locale.ROOT,
                    "iteration %d: %6.1f records/s, %5.1f CPU ms/record, load %.1f  (avg PDF %d KiB, PNG %d KiB)%n",
                    i + 1,
                    rates[i],
                    cpuMs[i],
                    os.getSystemLoadAverage(),
                    count == 0 ? 0 : (pdfBytes.sum() - pdf0) / count / 1024,
                    count == 0 ? 0 : (pngBytes.sum() - png0) / count / 1024);
        }
        stop.set(true);
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double mean = 0;
        for (double r : rates) {
            mean += r;
        }
        mean /= rates.length;
        double var = 0;
        for (double r : rates) {
            var += (r - mean) * (r - mean);
        }
        double sd = rates.length > 1 ? Math.sqrt(var / (rates.length - 1)) : 0;
        double cpu = 0;
        for (double c : cpuMs) {
            cpu += c;
        }
        cpu /= cpuMs.length;
        System.out.printf(
                Locale.ROOT,
                "result: %.1f ± %.1f records/s wall (mean ± sd of %d × %d s); %.1f CPU ms/record,"
                        + " i.e. %.1f records/s per idle core%n",
                mean,
                sd,
                iterations,
                seconds,
                cpu,
                1000.0 / cpu);
    }
}
