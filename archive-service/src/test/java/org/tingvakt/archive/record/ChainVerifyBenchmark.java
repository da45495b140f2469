package org.tingvakt.archive.record;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.tingvakt.archive.proof.ChainLink;
import org.tingvakt.archive.proof.HashChain;
import org.tingvakt.archive.storage.ArtefactKind;
import org.tingvakt.archive.storage.PostgresArtefactStore;

/**
 * Verifies a chain of N records (default 100,000, each with a native JSON of about 1 KB in the PostgreSQL store) on an
 * embedded PostgreSQL (the devstack's, without Kafka, so the heap is the verifier's) and prints the time and the heap used: the heap sampled every 5 ms during the verification, and
 * the heap before it. Run by hand with a small heap to see that it does not grow with N, e.g.
 * {@code java -Xmx64m -cp ... org.tingvakt.archive.record.ChainVerifyBenchmark 100000 500} (docs/archive-records.md).
 *
 * <p>Arguments: records (default 100000), page size (default 500), JSON bytes (default 1000). The records are written
 * before the measurement starts; the chain is valid, so the whole of it is read and re-hashed.
 */
public final class ChainVerifyBenchmark {
    private ChainVerifyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int jsonBytes = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("classpath:db/eventing", "classpath:db/migration")
                    .load()
                    .migrate();
            PGSimpleDataSource db = new PGSimpleDataSource();
            db.setUrl(url);
            db.setUser("postgres");
            db.setPassword("postgres");
            db.setReWriteBatchedInserts(true);

            long writeStart = System.nanoTime();
            String head = write(db, records, jsonBytes);
            System.out.printf(
                    "wrote %,d records (JSON %,d bytes each) in %.1f s%n",
                    records, jsonBytes, (System.nanoTime() - writeStart) / 1e9);

            RecordChainVerifier verifier = new RecordChainVerifier(db, new PostgresArtefactStore(db), pageSize);
            System.gc();
            long before = usedHeap();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            peak.accumulateAndGet(usedHeap(), Math::max);
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            RecordChainVerifier.ChainReport report = verifier.verify();
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            sampler.join();
            if (!report.intact() || report.links() != records || !head.equals(report.headChainHash())) {
                throw new IllegalStateException("unexpected report " + report);
            }
            System.out.printf(
                    "verified %,d links in pages of %d: %.1f s (%,.0f records/s); heap used before %,d MiB, peak during"
                            + " %,d MiB; max heap %,d MiB%n",
                    report.links(),
                    pageSize,
                    seconds,
                    records / seconds,
                    before >> 20,
                    peak.get() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A valid chain of records with their JSON artefacts; returns the head's chain hash. */
    private static String write(PGSimpleDataSource db, int records, int jsonBytes) throws Exception {
        String previous = HashChain.GENESIS;
        String padding = "x".repeat(Math.max(0, jsonBytes - 60));
        try (Connection c = db.getConnection();
                PreparedStatement record = c.prepareStatement(
                        "INSERT INTO archive_record (id, request_id, case_id, comment_id, comment_version, platform, "
                                + "account_id, thread_key, content_sha256, record_sha256, chain_seq, "
                                + "previous_chain_hash, chain_hash, captured_at) VALUES (?, ?, 'case', 'c', 1, "
                                + "'FACEBOOK', 'acc', 'FACEBOOK:p', 'x', ?, ?, ?, ?, now())");
                PreparedStatement artefact = c.prepareStatement(
                        "INSERT INTO artefact (record_id, kind, media_type, sha256, size_bytes, content) "
                                + "VALUES (?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < records; i++) {
                UUID id = UUID.randomUUID();
                byte[] json =
                        ("{\"recordId\":\"" + id + "\",\"pad\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
                String sha = HashChain.sha256(json);
                ChainLink link = HashChain.append(previous, id.toString(), sha);
                record.setObject(1, id);
                record.setString(2, "req-" + id);
                record.setString(3, sha);
                record.setLong(4, i + 1L);
                record.setString(5, previous);
                record.setString(6, link.chainHash());
                record.addBatch();
                artefact.setObject(1, id);
                artefact.setString(2, ArtefactKind.JSON.name());
                artefact.setString(3, ArtefactKind.JSON.mediaType());
                artefact.setString(4, sha);
                artefact.setLong(5, json.length);
                artefact.setBytes(6, json);
                artefact.addBatch();
                previous = link.chainHash();
                if (i % 1000 == 999 || i == records - 1) {
                    record.executeBatch();
                    artefact.executeBatch();
                    c.commit();
                }
            }
        }
        return previous;
    }
}
