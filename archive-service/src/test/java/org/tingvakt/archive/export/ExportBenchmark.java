package org.tingvakt.archive.export;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Exports N generated records (default 50,000) through the streaming writer into packages of at most M records (default
 * 2,000), and prints the time, the package count and size, and the peak heap. Run by hand with a small heap, e.g.
 * {@code java -Xmx384m -cp ... org.tingvakt.archive.export.ExportBenchmark 50000 2000} (see docs/eark.md).
 *
 * <p>Arguments: records, records per package, PDF bytes, PNG bytes (defaults 50000 2000 20000 30000), output folder
 * (default: a temporary folder, deleted afterwards; a given folder is kept). The records are made on the fly, so the
 * database is not part of the measurement; the first and last package are re-verified after the clock stops.
 */
public final class ExportBenchmark {
    private ExportBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int perPackage = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int pdfBytes = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int pngBytes = args.length > 3 ? Integer.parseInt(args[3]) : 30_000;
        boolean keep = args.length > 4;
        Path folder = keep ? Path.of(args[4]) : Files.createTempDirectory("tingvakt-export-bench-");

        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(
                "records %,d, %,d a package, artefacts %,d + %,d bytes + JSON, max heap %,d MiB, folder %s%n",
                records, perPackage, pdfBytes, pngBytes, maxHeap >> 20, folder);
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        long used = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        sampledPeak.accumulateAndGet(used, Math::max);
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        sampler.start();

        ExportSettings settings =
                ExportSettings.defaults().withLimits(perPackage, 1L << 40).withLanguage("da");
        ExportScope scope = ExportScope.of(
                "104889123456789", "Aarhus Kommune", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        long start = System.nanoTime();
        ExportSeries.Result result = new ExportSeries(new ExportPackageWriter(Clock.systemUTC(), settings))
                .write(scope, records, new GeneratedRecords(records, pdfBytes, pngBytes), folder);
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        sampler.join();

        long poolPeaks = 0;
        StringBuilder pools = new StringBuilder();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                poolPeaks += pool.getPeakUsage().getUsed();
                pools.append(String.format(
                        " %s %,d MiB;", pool.getName(), pool.getPeakUsage().getUsed() >> 20));
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long zipBytes = result.packages().stream()
                .mapToLong(ExportSeries.Package::zipBytes)
                .sum();
        double seconds = nanos / 1e9;
        System.out.printf(
                "exported %,d records into %d packages, %,d MiB of zip, in %.1f s (%,.0f records/s, %.0f MiB/s)%n",
                result.records(),
                result.packages().size(),
                zipBytes >> 20,
                seconds,
                result.records() / seconds,
                (zipBytes >> 20) / seconds);
        System.out.printf(
                "peak heap used: %,d MiB sampled every 5 ms; sum of the heap pools' peaks %,d MiB (%s);"
                        + " GC %d collections, %,d ms%n",
                sampledPeak.get() >> 20, poolPeaks >> 20, pools.toString().trim(), gcCount, gcMillis);

        // After the clock: the verifier streams each zip; the requirement check unpacks one into memory (test tooling,
        // ~3x a package's size), so it runs only with heap to spare.
        ExportPackageVerifier verifier = new ExportPackageVerifier();
        for (ExportSeries.Package p : java.util.List.of(
                result.packages().get(0),
                result.packages().get(result.packages().size() - 1))) {
            Path zip = folder.resolve(p.file());
            boolean ok = verifier.verify(zip).ok();
            String findings = Files.size(zip) * 4 < maxHeap
                    ? Integer.toString(EarkRequirements.check(settings.profile(), Files.readAllBytes(zip))
                            .size())
                    : "not checked (needs the package in memory)";
            System.out.printf(
                    "%s: verifier %s, E-ARK requirement findings %s%n", p.file(), ok ? "ok" : "FAILED", findings);
        }
        if (!keep) {
            delete(folder);
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
