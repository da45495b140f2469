package org.tingvakt.archive.render;

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
    private EvidenceThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        EvidenceRenderer renderer = new EvidenceRenderer();
        LongAdder done = new LongAdder();
        LongAdder pdfBytes = new LongAdder();
        LongAdder pngBytes = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(pool.submit(() -> {
                String chain = HashChain.GENESIS;
                long n = 0;
                while (!stop.get()) {
                    String id = "bench-" + worker + "-" + n++;
                    RenderedEvidence r = renderer.render(EvidenceSamples.danish(id));
                    String pdfSha = HashChain.sha256(r.pdf());
                    String pngSha = HashChain.sha256(r.png());
                    byte[] json = ("{\"recordId\":\"" + id + "\",\"pdfSha256\":\"" + pdfSha + "\",\"pngSha256\":\"" + pngSha
                            + "\",\"pages\":" + r.pageCount() + "}").getBytes(StandardCharsets.UTF_8);
                    chain = HashChain.chainHash(chain, HashChain.sha256(json), id);
                    pdfBytes.add(r.pdf().length);
                    pngBytes.add(r.png().length);
                    done.increment();
                }
                return chain;
            }));
        }

        System.out.printf(Locale.ROOT, "render+hash (PDF/A-2b + PNG %.0f dpi + JSON, chained), %d thread(s), %d cores%n",
                EvidenceRenderer.DEFAULT_PNG_DPI, threads, Runtime.getRuntime().availableProcessors());
        Thread.sleep(warmup * 1000L);
        System.out.printf(Locale.ROOT, "warm-up %d s: %d records%n", warmup, done.sum());
        double[] rates = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long before = done.sum();
            long pdf0 = pdfBytes.sum();
            long png0 = pngBytes.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long count = done.sum() - before;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            rates[i] = count / elapsed;
            System.out.printf(Locale.ROOT, "iteration %d: %6.1f records/s  (avg PDF %d KiB, PNG %d KiB)%n", i + 1, rates[i],
                    count == 0 ? 0 : (pdfBytes.sum() - pdf0) / count / 1024, count == 0 ? 0 : (pngBytes.sum() - png0) / count / 1024);
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
        System.out.printf(Locale.ROOT, "result: %.1f ± %.1f records/s (mean ± sd of %d × %d s), %.1f ms/record/thread%n",
                mean, sd, iterations, seconds, threads * 1000.0 / mean);
    }
}
